#!/usr/bin/env python3
"""Differential test of `recount` against reference.py, an independent reading of docs/voting-rules.md.

Generates random specs and ballots of every kind, runs them through recount (one JVM, RecountBatch), and
compares every result field the reference computes. Run after `mvn -B verify` (it needs target/votehall.jar
and target/test-classes):  python3 src/test/python/difftest.py [--cases N] [--seed S]
Prints 'N passed, M failed' and exits 1 if any case differs.
"""
import argparse, json, os, random, subprocess, sys, tempfile
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from reference import recount

ap = argparse.ArgumentParser()
ap.add_argument("--cases", type=int, default=3000)
ap.add_argument("--seed", type=int, default=20261127)
args = ap.parse_args()
R = random.Random(args.seed)
NAMES = ["王五", "赵六", " 王五\u3000", "王五\u00a0", "孙七", "甲", "", "\u3000", "Jose\u0301", "José", "\U00020BB7", "\uff5a"]
def threshold():
    t = {}
    if R.random() < 0.5: t["base"] = R.choice(["members", "present", "valid"])
    if R.random() < 0.5: t["fraction"] = R.choice(["1/2", "2/3", "1/3", "3/4", "1/1"])
    if R.random() < 0.5: t["strict"] = R.random() < 0.5
    return t
def case(i):
    kind = R.choice(["motion", "election", "selection", "rating"])
    members = R.randint(1, 40)
    spec = {"id": f"b{i}", "kind": kind, "members": members}
    if R.random() < 0.7: spec["threshold"] = threshold()
    nb = R.randint(0, 45)
    ballots = []
    if kind == "motion":
        items = [f"m{k}" for k in range(R.randint(1, 3))]
        spec["items"] = [{"id": x} for x in items]
        if R.random() < 0.3: spec["participationQuorum"] = R.random() < 0.7
        bias = R.random()
        for _ in range(nb):
            ballots.append({"marks": {x: ("for" if R.random() < bias else R.choice(["against", "abstain"])) for x in items if R.random() < 0.85}})
    elif kind == "selection":
        k = R.randint(1, 4); n = k + R.randint(1, 4)
        items = [f"p{j}" for j in range(n)]
        spec["items"] = [{"id": x} for x in items]; spec["select"] = k
        if R.random() < 0.2: spec["round"] = "tie"
        for _ in range(nb):
            p = R.random() * 0.8
            ballots.append({"marks": {x: ("for" if R.random() < p else R.choice(["against", "abstain"])) for x in items if R.random() < 0.9}})
    elif kind == "rating":
        items = [f"r{j}" for j in range(R.randint(1, 3))]
        spec["items"] = [{"id": x} for x in items]
        if R.random() < 0.5: spec["model"] = R.choice(["grade", "rate"])
        w = [R.random() for _ in range(4)]
        for _ in range(nb):
            ballots.append({"marks": {x: R.choices(["satisfied", "basically", "dissatisfied", "blank"], w)[0] for x in items if R.random() < 0.9}})
    else:
        secs = []
        for s in range(R.randint(1, 3)):
            seats = R.randint(1, 5); nc = R.randint(1, seats + 3)
            sec = {"id": f"s{s}", "seats": seats, "candidates": [{"id": f"c{c}", "name": R.choice(["甲", "乙", "丙", "José", "张三", f"候选人{c}"]) + str(c % 3 if R.random() < 0.5 else "")} for c in range(nc)]}
            if R.random() < 0.6: sec["post"] = R.choice(["chief", "vice", "member"])
            if R.random() < 0.5: sec["writeIns"] = {k: R.random() < 0.6 for k in ["allowed", "requireAgainst"] if R.random() < 0.7}
            secs.append(sec)
        spec["sections"] = secs
        if R.random() < 0.3: spec["round"] = R.choice(["tie", "runoff"])
        if R.random() < 0.3: spec["wholeBallotVoid"] = R.random() < 0.6
        pf = R.random() * 0.7
        for _ in range(nb):
            marks, wi = {}, {}
            for sec in secs:
                if R.random() < 0.1: continue
                marks[sec["id"]] = {c["id"]: ("for" if R.random() < pf else R.choice(["against", "abstain"])) for c in sec["candidates"] if R.random() < 0.7}
                if R.random() < 0.25: wi[sec["id"]] = [R.choice(NAMES) for _ in range(R.choice([1, 1, 1, 2]))]
            b = {"marks": marks}
            if wi: b["writeIns"] = wi
            ballots.append(b)
    present = max(0, nb + R.randint(-3, 5)); issued = max(0, nb + R.choice([0, 0, 0, 1, 3, -1]))
    return spec, ballots, present, issued


def write_cases(folder):
    with open(os.path.join(folder, "list.txt"), "w") as lst:
        for i in range(args.cases):
            spec, ballots, present, issued = case(i)
            with open(os.path.join(folder, f"{i}.spec.json"), "w", encoding="utf-8") as f:
                json.dump(spec, f, ensure_ascii=False)
            with open(os.path.join(folder, f"{i}.jsonl"), "w", encoding="utf-8") as f:
                for b in ballots:
                    f.write(json.dumps(b, ensure_ascii=False) + "\n")
            lst.write(f"{i} {present} {issued}\n")

def differences(path, e, g):
    if isinstance(e, dict):
        if not isinstance(g, dict):
            return [f"{path}: expected an object, got {g!r}"]
        return [d for k in e for d in differences(f"{path}.{k}", e[k], g.get(k, "<missing>"))]
    if isinstance(e, list):
        if not isinstance(g, list) or len(e) != len(g):
            return [f"{path}: expected {e!r}, got {g!r}"]
        return [d for k, (x, y) in enumerate(zip(e, g)) for d in differences(f"{path}[{k}]", x, y)]
    return [] if e == g else [f"{path}: expected {e!r}, got {g!r}"]

def main():
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
    with tempfile.TemporaryDirectory() as folder:
        write_cases(folder)
        classpath = os.pathsep.join([os.path.join(root, "target", "votehall.jar"), os.path.join(root, "target", "test-classes")])
        subprocess.run(["java", "-cp", classpath, "org.votehall.cli.RecountBatch", folder], check=True)
        passed = failed = 0
        for line in open(os.path.join(folder, "list.txt")):
            i, present, issued = line.split()
            spec = json.load(open(os.path.join(folder, f"{i}.spec.json"), encoding="utf-8"))
            ballots = [json.loads(l) for l in open(os.path.join(folder, f"{i}.jsonl"), encoding="utf-8") if l.strip()]
            out = open(os.path.join(folder, f"{i}.out"), encoding="utf-8").read()
            if out.startswith("EXIT"):
                diffs = ["refused: " + out.strip()[:300]]
            else:
                diffs = differences("", recount(spec, ballots, int(present), int(issued)), json.loads(out))
            if diffs:
                failed += 1
                if failed <= 10:
                    print(f"case {i} ({spec['kind']}): {diffs[0]}\n  spec: {json.dumps(spec, ensure_ascii=False)}")
            else:
                passed += 1
    print(f"difftest: {passed} passed, {failed} failed")
    sys.exit(1 if failed else 0)

main()
