# Independent reference of docs/voting-rules.md for the differential test (difftest.py); written from the rules text, not from the Java code.
import unicodedata
from decimal import Decimal, ROUND_HALF_UP
WS = set([chr(c) for c in list(range(9, 14)) + [0x20, 0x85, 0xA0, 0x1680] + list(range(0x2000, 0x200B)) + [0x2028, 0x2029, 0x202F, 0x205F, 0x3000]])

def required(th, X):
    p, q = map(int, th.get("fraction", "1/2").split("/"))
    if th.get("strict", True): r = (p * X) // q + 1
    else: r = -((-p * X) // q)
    return max(1, r)

def clean(name):
    s, e = 0, len(name)
    while s < e and name[s] in WS: s += 1
    while e > s and name[e-1] in WS: e -= 1
    n = unicodedata.normalize("NFC", name[s:e])
    return n or None

def base_value(th, members, present, valid):
    b = th.get("base", "members")
    return members if b == "members" else present if b == "present" else valid

def allocate(ranked, seats):   # ranked: list of (id, votes) already ranked and eligible
    if len(ranked) <= seats: return [i for i, _ in ranked], None, seats - len(ranked)
    last, nxt = ranked[seats-1][1], ranked[seats][1]
    if last != nxt: return [i for i, _ in ranked[:seats]], None, 0
    above = [i for i, v in ranked if v > last]
    tied = [i for i, v in ranked if v == last]
    return above, {"persons": tied, "seats": seats - len(above)}, 0

def rank(listed):   # stable by votes desc
    return sorted(listed, key=lambda x: -x[1])

def recount(spec, ballots, present, issued):
    members = spec["members"]; th = spec.get("threshold", {}); rnd = spec.get("round", "first")
    returned = len(ballots)
    void = returned > issued
    kind = spec["kind"]
    out = {"members": members, "present": present, "issued": issued, "returned": returned, "notVoted": max(0, issued - returned)}
    wide = th.get("base", "members") != "valid" and rnd != "tie"
    top_req = required(th, base_value(th, members, present, 0)) if wide else None
    if kind == "motion":
        if spec.get("participationQuorum", False) and not (returned * 2 > members): void = True
        req = required(th, base_value(th, members, present, returned))
        items = []
        for it in spec["items"]:
            c = {"for": 0, "against": 0, "abstain": 0}
            for b in ballots: c[b["marks"].get(it["id"], "abstain")] += 1
            outc = "void" if void else ("passed" if c["for"] >= req else "failed")
            items.append({"id": it["id"], **c, "required": req, "outcome": outc})
        out.update(void=void, required=top_req, validBallots=returned, invalidBallots=0, items=items)
    elif kind == "selection":
        K = spec["select"]; valid = [b for b in ballots if sum(1 for v in b["marks"].values() if v == "for") <= K]
        nvalid = len(valid)
        req = None if rnd == "tie" else required(th, base_value(th, members, present, nvalid))
        items, listed = [], []
        for it in spec["items"]:
            c = {"for": 0, "against": 0, "abstain": 0}
            for b in valid: c[b["marks"].get(it["id"], "abstain")] += 1
            items.append({"id": it["id"], **c, "required": req}); listed.append((it["id"], c["for"]))
        r = rank(listed)
        elig = set() if void else set(i for i, v in r if req is None or v >= req)
        if void: sel, tie, unf = [], None, K
        else: sel, tie, unf = allocate([x for x in r if x[0] in elig], K)
        out.update(void=void, required=top_req, validBallots=nvalid, invalidBallots=returned - nvalid, items=items,
                   selection={"required": req, "ranked": [{"id": i, "for": v, "eligible": i in elig} for i, v in r],
                              "selected": sel, "tie": tie, "unfilled": unf})
    elif kind == "rating":
        ratings = []
        for it in spec["items"]:
            c = {"satisfied": 0, "basically": 0, "dissatisfied": 0, "blank": 0}
            for b in ballots: c[b["marks"].get(it["id"], "blank")] += 1
            v = c["satisfied"] + c["basically"] + c["dissatisfied"]
            req = required(th, base_value(th, members, present, v))
            if v == 0 or void: grade = None
            elif c["satisfied"] >= req: grade = "satisfied"
            elif c["satisfied"] + c["basically"] >= req: grade = "basically"
            else: grade = "dissatisfied"
            rate = lambda n: None if v == 0 else str((Decimal(n) / Decimal(v)).quantize(Decimal("0.0001"), rounding=ROUND_HALF_UP))
            ratings.append({"id": it["id"], **c, "validForItem": v, "required": req, "grade": grade,
                            "rate": rate(c["satisfied"] + c["basically"]), "satisfiedRate": rate(c["satisfied"])})
        out.update(void=void, required=top_req, validBallots=returned, invalidBallots=0, ratings=ratings)
    else:
        out.update(election(spec, ballots, present, void, th, rnd, members, top_req))
    return out

def section_ok(sec, marks, raw, tie_round):
    wi = sec.get("writeIns", {}); allowed = wi.get("allowed", True) and not tie_round; req_against = wi.get("requireAgainst", True)
    names = [n for n in (clean(x) for x in raw) if n is not None]
    nfor = sum(1 for v in marks.values() if v == "for"); nag = sum(1 for v in marks.values() if v == "against")
    if nfor + len(names) > sec["seats"]: return None
    if names:
        if not allowed: return None
        if req_against and len(names) > nag: return None
        if len(set(names)) != len(names): return None
        cnames = set(clean(c["name"]) or c["name"] for c in sec["candidates"])
        if any(n in cnames for n in names): return None
    return marks, names

def election(spec, ballots, present, void, th, rnd, members, top_req):
    secs = spec["sections"]; whole = spec.get("wholeBallotVoid", False)
    per = {s["id"]: [] for s in secs}; invalid = 0
    for b in ballots:
        res = [section_ok(s, b["marks"].get(s["id"], {}), b.get("writeIns", {}).get(s["id"], []), rnd == "tie") for s in secs]
        allvoid = all(r is None for r in res) or (whole and any(r is None for r in res))
        if allvoid: invalid += 1
        for s, r in zip(secs, res): per[s["id"]].append(None if allvoid else r)
    out_secs = []
    for s in secs:
        votes = per[s["id"]]; valid = [v for v in votes if v is not None]; nvalid = len(valid)
        req = None if rnd == "tie" else required(th, base_value(th, members, present, nvalid))
        cands = []
        for c in s["candidates"]:
            cc = {"for": 0, "against": 0, "abstain": 0}
            for m, _ in valid: cc[m.get(c["id"], "abstain")] += 1
            cands.append({"id": c["id"], "name": c["name"], **cc})
        wcount = {}
        for _, names in valid:
            for n in names: wcount[n] = wcount.get(n, 0) + 1
        wlist = sorted(wcount.items(), key=lambda kv: [ord(ch) for ch in kv[0]])
        listed = [(c["id"], c["for"]) for c in cands] + [("writein:" + n, v) for n, v in wlist]
        r = rank(listed)
        if void:
            el, tie, unf = [], None, s["seats"]
        else:
            el, tie, unf = allocate([x for x in r if req is None or x[1] >= req], s["seats"])
        prop, need = [], False
        if rnd == "first" and not void and unf > 0:
            post = s.get("post", "vice")
            extra = max(1, -(-unf // 10)) if post == "member" else 1
            want = unf + extra
            rem = [x for x in r if not x[0].startswith("writein:") and x[0] not in el]
            if len(rem) < want: prop, need = [i for i, _ in rem], True
            else:
                last = rem[want-1][1]
                prop = [i for k, (i, v) in enumerate(rem) if k < want or v == last]
        out_secs.append({"id": s["id"], "seats": s["seats"], "validBallots": nvalid, "invalidBallots": len(votes) - nvalid,
                         "required": req, "candidates": cands, "writeIns": [{"name": n, "for": v} for n, v in wlist],
                         "elected": el, "tie": tie, "unfilled": unf, "runoffCandidates": prop, "nominationNeeded": need})
    return {"void": void, "required": top_req, "validBallots": len(ballots) - invalid, "invalidBallots": invalid, "sections": out_secs}
