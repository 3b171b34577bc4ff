// The demo page, part two: drawing a chat's messages, their buttons and links.
// Message HTML comes from the server already escaped; everything else is set as text.
"use strict";

// -- drawing a chat ----------------------------------------------------------------------

async function refresh(chatId) {
  const nodes = document.querySelectorAll(`.pane[data-chat-id="${chatId}"]`);
  if (!nodes.length) return;
  const data = await api(`/api/chat/${chatId}?lang=${state.lang}`);
  for (const node of nodes) draw(node, paneByKey(node.dataset.pane), data);
}

function draw(node, pane, data) {
  const log = node.querySelector(".log");
  log.replaceChildren(...data.messages.map((m) => message(pane, m)));
  if (!data.opened && pane.kind === "private") log.append(notStarted(pane));
  node.querySelector(".pane-sub").textContent = pane.kind === "private" ? "@" + state.setup.bot.username : `${data.messages.length} ✉`;
  drawChips(node, pane, data.opened ? data.commands : []);
  drawComposer(node, pane, data.opened);
  if (log.dataset.pinned !== "no") log.scrollTop = log.scrollHeight;
}

// A chat follows its newest message unless the visitor scrolled up to read; a chat hidden
// behind a tab cannot scroll, so it catches up when shown.
function pinned(log) {
  return log.scrollHeight - log.scrollTop - log.clientHeight < 60;
}

function notStarted(pane) {
  const box = el("div", "empty");
  box.append(el("p", "", t("not-started", { name: pane.owner.name })));
  const start = el("button", "start", t("start"));
  start.onclick = () => send_(pane, { text: "/start" });
  box.append(start);
  return box;
}

function drawChips(node, pane, commands) {
  const chips = node.querySelector(".chips");
  chips.replaceChildren(...(commands || []).map((c) => {
    const chip = el("button", "chip", "/" + c.command);
    chip.title = c.description;
    chip.onclick = () => send_(pane, { text: "/" + c.command });
    return chip;
  }));
}

function drawComposer(node, pane, opened) {
  const staffOnly = pane.kind === "staff" && person(state.persona).role === "resident";
  const form = node.querySelector(".composer");
  form.hidden = staffOnly || (pane.kind === "private" && !opened);
  let note = node.querySelector(".note");
  if (staffOnly && !note) {
    note = el("div", "note", t("staff-only"));
    node.append(note);
  } else if (!staffOnly && note) {
    note.remove();
  }
}

function message(pane, m) {
  const mine = !m.bot && m.from_id === author(pane);
  const box = el("div", `msg${m.bot ? " bot" : ""}${mine ? " own" : ""}`);
  box.id = `m-${pane.key}-${m.id}`;
  box.dataset.messageId = m.id;
  if (!mine) box.append(el("div", "who", m.from));
  if (m.reply) {
    const quote = el("div", "quote");
    quote.append(el("b", "", m.reply.from), el("span", "", m.reply.text));
    quote.onclick = () => jump(pane.key, m.reply.id);
    box.append(quote);
  }
  if (m.photo) {
    const img = el("img", "photo");
    img.src = `/file/${encodeURIComponent(m.photo)}`;
    img.alt = "";
    img.onerror = () => img.replaceWith(el("div", "media", "🖼"));
    box.append(img);
  } else if (m.media) {
    box.append(el("div", "media", { document: "📄", video: "🎬", voice: "🎤", sticker: "👍", location: "📍" }[m.media] || "📎"));
  }
  if (m.html) {
    const text = el("div", "text");
    text.innerHTML = m.html; // built and escaped by the server
    text.onclick = (event) => link(event, pane);
    box.append(text);
  }
  box.append(meta(pane, m));
  if (m.buttons) box.append(keyboard(pane, m));
  return box;
}

function meta(pane, m) {
  const line = el("div", "meta");
  if (m.reactions.length) line.append(el("span", "reactions", m.reactions.join(" ")));
  if (m.edited) line.append(el("span", "", t("edited")));
  line.append(el("span", "time", when(m.date)));
  const reply = el("button", "icon reply", "↩");
  reply.title = t("reply");
  reply.onclick = () => setReply(pane.key, { id: m.id, name: m.from });
  line.append(reply);
  return line;
}

function keyboard(pane, m) {
  const rows = el("div", "keyboard");
  for (const row of m.buttons) {
    const line = el("div", "row");
    for (const button of row) {
      const b = el("button", "key", button.text);
      b.onclick = () => button.data ? press(pane, m, button.data, b) : openUrl(button.url, pane);
      line.append(b);
    }
    rows.append(line);
  }
  return rows;
}

async function press(pane, m, data, button) {
  button.disabled = true;
  try {
    const result = await api("/api/press", { chat_id: pane.chatId, message_id: m.id, user_id: author(pane), data });
    const answer = result.answer;
    if (answer && answer.text) toast(answer.text, answer.show_alert);
  } catch (error) {
    toast(error.message, true);
  } finally {
    button.disabled = false;
  }
}

function when(date) {
  const moment = new Date(date * 1000);
  const locale = { ru: "ru-RU", kk: "kk-KZ", en: "en-GB" }[state.lang];
  const sameDay = new Date().toDateString() === moment.toDateString();
  const options = sameDay ? { hour: "2-digit", minute: "2-digit" } : { day: "2-digit", month: "2-digit", hour: "2-digit", minute: "2-digit" };
  return moment.toLocaleString(locale, { ...options, timeZone: "Asia/Almaty" });
}

// -- links, jumps and the deep link to the bot ------------------------------------------

function link(event, pane) {
  const anchor = event.target.closest("a");
  if (!anchor) return;
  event.preventDefault();
  openUrl(anchor.getAttribute("href"), pane);
}

function openUrl(url, pane) {
  const start = new RegExp(`^https://t\\.me/${state.setup.bot.username}\\?start=(.+)$`).exec(url || "");
  if (start) {
    const me = panes().find((p) => p.key === (person(state.persona).role === "akim" ? "akim" : "private"));
    activate(me.key);
    send_(me, { text: "/start " + decodeURIComponent(start[1]) });
    return;
  }
  const post = /^https:\/\/t\.me\/c\/(\d+)\/(\d+)$/.exec(url || "");
  if (post) {
    const target = panes().find((p) => String(p.chatId) === "-100" + post[1]);
    if (target) return jump(target.key, Number(post[2]));
  }
  toast(t("link-outside"));
}

function jump(key, messageId) {
  activate(key);
  const node = document.getElementById(`m-${key}-${messageId}`);
  if (!node) return;
  node.scrollIntoView({ block: "center", behavior: "smooth" });
  node.classList.add("flash");
  setTimeout(() => node.classList.remove("flash"), 1600);
}

function activate(key) {
  state.active = key;
  for (const node of document.querySelectorAll("[data-pane]")) node.classList.toggle("active", node.dataset.pane === key);
  const log = document.querySelector(`.pane[data-pane="${key}"] .log`);
  if (log && log.dataset.pinned !== "no") log.scrollTop = log.scrollHeight;
}

function toast(text, alert) {
  const box = $("toast");
  box.textContent = text;
  box.className = alert ? "toast alert" : "toast";
  box.hidden = false;
  clearTimeout(toast.timer);
  toast.timer = setTimeout(() => { box.hidden = true; }, alert ? 5000 : 2500);
}
