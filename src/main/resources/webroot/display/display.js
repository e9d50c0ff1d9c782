// The big screen (大屏): 应到 / 实到 / quorum, each ballot's live figures while open, and the announcement
// the moment a ballot closes. It only reads the public live feed: no login, and never who voted what.
const words = {
  zh: { title: '表决大屏', members: '应到', present: '实到', quorumMet: '已达法定人数', quorumNotMet: '未达法定人数',
        issued: '发出', returned: '收回', connected: '已连接', reconnecting: '连接中断，正在重连…', other: 'English',
        status: { draft: '待表决', open: '表决中', closing: '正在结束', closed: '已结束', announced: '已宣布', cancelled: '已取消' } },
  en: { title: 'Results board', members: 'Members', present: 'Present', quorumMet: 'Quorum met', quorumNotMet: 'No quorum',
        issued: 'Issued', returned: 'Returned', connected: 'Connected', reconnecting: 'Connection lost, reconnecting…', other: '中文',
        status: { draft: 'Draft', open: 'Open', closing: 'Closing', closed: 'Closed', announced: 'Announced', cancelled: 'Cancelled' } },
};

const sitting = new URLSearchParams(location.search).get('sitting') ?? 'demo';
let language = 'zh';
let last = null;

function element(tag, className, text) {
  const e = document.createElement(tag);
  if (className) e.className = className;
  if (text !== undefined) e.textContent = text;
  return e;
}

function figure(label, value) {
  const e = element('span', 'figure', label);
  e.append(element('b', '', String(value)));
  return e;
}

function ballot(b, w) {
  const article = element('article');
  const heading = element('h2', '', b.title ?? b.id);
  heading.append(element('span', 'status', w.status[b.status] ?? b.status));
  article.append(heading);
  if (b.returned !== undefined) {
    const secret = b.secret === true;
    article.append(element('p', 'progress', (secret ? `${w.issued} ${b.issued} · ` : '') + `${w.returned} ${b.returned}`));
  }
  if (b.result) {
    article.append(element('p', 'announcement', b.result.announcement[language]));
  }
  return article;
}

function render() {
  const w = words[language];
  document.documentElement.lang = language === 'zh' ? 'zh-CN' : 'en';
  document.getElementById('title').textContent = w.title;
  document.getElementById('language').textContent = w.other;
  if (!last) return;
  const attendance = document.getElementById('attendance');
  attendance.replaceChildren(figure(w.members, last.members), figure(w.present, last.present),
    element('span', 'quorum ' + (last.quorumMet ? 'met' : 'not-met'), last.quorumMet ? w.quorumMet : w.quorumNotMet));
  // Open ballots first, then the latest results, drafts last.
  const order = { open: 0, closing: 0, announced: 1, closed: 1, draft: 2, cancelled: 3 };
  const ballots = [...last.ballots].sort((a, b) => (order[a.status] ?? 9) - (order[b.status] ?? 9));
  document.getElementById('ballots').replaceChildren(...ballots.map((b) => ballot(b, w)));
}

document.getElementById('language').addEventListener('click', () => {
  language = language === 'zh' ? 'en' : 'zh';
  render();
});

const feed = new EventSource(`/api/sittings/${encodeURIComponent(sitting)}/live`);
feed.addEventListener('status', (event) => {
  last = JSON.parse(event.data);
  document.getElementById('connection').textContent = words[language].connected;
  render();
});
feed.addEventListener('error', () => {
  document.getElementById('connection').textContent = words[language].reconnecting;
});
render();
