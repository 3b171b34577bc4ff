// The demo page: the visitor's Telegram client for the local sandbox (messages.js draws
// the chats).
// Message HTML comes from the server already escaped; everything else is set as text.
"use strict";

const state = {
  lang: localStorage.getItem("demo-lang") || "ru",
  setup: null,
  persona: Number(localStorage.getItem("demo-persona")) || 5002,
  lastResident: 5001,
  active: null, // the pane shown on a phone-sized screen
  replyTo: {}, // pane key -> {id, name}
  photoFor: null, // the pane a chosen photo goes to
};
const $ = (id) => document.getElementById(id);
const el = (tag, cls, text) => {
  const node = document.createElement(tag);
  if (cls) node.className = cls;
  if (text !== undefined) node.textContent = text;
  return node;
};
const t = (key, args) => {
  let text = (state.setup && state.setup.strings["demo-" + key]) || key;
  for (const [name, value] of Object.entries(args || {})) text = text.replace(`{${name}}`, value);
  return text;
};
const person = (id) => state.setup.people.find((p) => p.id === id);

async function api(path, body) {
  const options = body === undefined ? {} : {
    method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body),
  };
  const response = await fetch(path, options);
  if (!response.ok) throw new Error(await response.text());
  return response.json();
}

// -- the panes: three resident chats, the staff chat, two private chats ---------------------

function panes() {
  const chats = state.setup.chats.map((c) => ({ key: c.key, chatId: c.id, title: c.title, kind: c.key === "staff" ? "staff" : "group" }));
  const persona = person(state.persona);
  const own = persona.role === "akim" ? person(state.lastResident) : persona;
  const akim = state.setup.people.find((p) => p.role === "akim");
  chats.push({ key: "private", chatId: own.id, title: t("private-with", { name: own.name }), kind: "private", owner: own });
  chats.push({ key: "akim", chatId: akim.id, title: t("private-with", { name: akim.name }), kind: "private", owner: akim });
  return chats;
}

function build() {
  const main = $("panes");
  const tabs = $("tabs");
  main.replaceChildren();
  tabs.replaceChildren();
  const list = panes();
  if (!list.some((p) => p.key === state.active)) state.active = list[0].key;
  for (const pane of list) {
    const tab = el("button", "tab", pane.title);
    tab.setAttribute("role", "tab");
    tab.dataset.pane = pane.key;
    tab.onclick = () => activate(pane.key);
    tabs.append(tab);
    main.append(buildPane(pane));
  }
  activate(state.active);
  for (const pane of list) refresh(pane.chatId);
}

function buildPane(pane) {
  const root = el("section", `pane ${pane.kind}`);
  root.dataset.pane = pane.key;
  root.dataset.chatId = pane.chatId;
  const head = el("div", "pane-head");
  const avatar = el("div", "avatar", pane.title.replace(/^.*· /, "").slice(0, 1));
  const titles = el("div", "titles");
  titles.append(el("div", "pane-title", pane.title), el("div", "pane-sub", ""));
  head.append(avatar, titles);
  const log = el("div", "log");
  log.onscroll = () => {
    if (log.clientHeight) log.dataset.pinned = pinned(log) ? "yes" : "no";
  };
  const reply = el("div", "reply-bar");
  reply.hidden = true;
  const chips = el("div", "chips");
  const composer = buildComposer(pane);
  root.append(head, log, reply, chips, composer);
  return root;
}

function buildComposer(pane) {
  const form = el("form", "composer");
  const photo = el("button", "icon photo-btn", "📎");
  photo.type = "button";
  photo.title = t("photo");
  photo.onclick = () => { state.photoFor = pane.key; $("photo-input").click(); };
  const input = el("textarea");
  input.rows = 1;
  input.placeholder = t("message-placeholder");
  input.onkeydown = (event) => {
    if (event.key === "Enter" && !event.shiftKey) { event.preventDefault(); form.requestSubmit(); }
  };
  const send = el("button", "send", t("send"));
  send.type = "submit";
  form.append(photo, input, send);
  form.onsubmit = async (event) => {
    event.preventDefault();
    const text = input.value.trim();
    if (!text) return;
    input.value = "";
    await send_(pane, { text });
  };
  return form;
}

function paneByKey(key) { return panes().find((p) => p.key === key); }

function author(pane) {
  return pane.kind === "private" ? pane.owner.id : state.persona;
}

async function send_(pane, fields, photo) {
  const body = { chat_id: pane.chatId, user_id: author(pane), ...fields };
  const reply = state.replyTo[pane.key];
  if (reply) body.reply_to = reply.id;
  try {
    if (photo) {
      const form = new FormData();
      for (const [k, v] of Object.entries(body)) form.append(k, String(v));
      form.append("photo", photo);
      const response = await fetch("/api/post", { method: "POST", body: form, headers: { "X-Demo": "1" } });
      if (!response.ok) throw new Error(await response.text());
    } else {
      await api("/api/post", body);
    }
    setReply(pane.key, null);
  } catch (error) {
    toast(error.message, true);
  }
}

function setReply(key, target) {
  state.replyTo[key] = target;
  const bar = document.querySelector(`.pane[data-pane="${key}"] .reply-bar`);
  if (!bar) return;
  bar.replaceChildren();
  bar.hidden = !target;
  if (!target) return;
  const cancel = el("button", "icon", "✕");
  cancel.title = t("cancel");
  cancel.onclick = () => setReply(key, null);
  bar.append(el("span", "", "↩ " + t("replying-to", { name: target.name })), cancel);
  document.querySelector(`.pane[data-pane="${key}"] textarea`).focus();
}

// -- who the visitor is, the language, live updates ---------------------------------------

function fillPersonas() {
  const select = $("persona");
  select.replaceChildren();
  for (const role of ["resident", "moderator", "akim"]) {
    const group = el("optgroup");
    group.label = t("role-" + role);
    for (const p of state.setup.people.filter((x) => x.role === role)) {
      const option = el("option", "", p.name);
      option.value = p.id;
      group.append(option);
    }
    select.append(group);
  }
  select.value = String(state.persona);
  select.onchange = () => choosePersona(Number(select.value));
}

function choosePersona(id) {
  state.persona = id;
  if (person(id).role !== "akim") state.lastResident = id;
  localStorage.setItem("demo-persona", String(id));
  build();
}

function fillLanguages() {
  const box = $("langs");
  box.replaceChildren();
  for (const lang of state.setup.locales) {
    const b = el("button", lang === state.lang ? "on" : "", { kk: "Қаз", ru: "Рус", en: "Eng" }[lang]);
    b.dataset.lang = lang;
    b.onclick = () => chooseLanguage(lang);
    box.append(b);
  }
}

async function chooseLanguage(lang) {
  await api("/api/language", { lang });
  localStorage.setItem("demo-lang", lang);
  state.lang = lang;
  await load();
}

async function load() {
  state.setup = await api(`/api/setup?lang=${state.lang}`);
  state.lang = state.setup.lang;
  if (!person(state.persona)) state.persona = state.setup.people[1].id;
  if (person(state.persona).role !== "akim") state.lastResident = state.persona;
  document.documentElement.lang = state.lang;
  document.title = t("title");
  $("title").textContent = t("title");
  $("local-only").textContent = t("local-only");
  $("help").textContent = t("help");
  $("you-are-label").textContent = t("you-are");
  $("offline").textContent = t("offline");
  fillPersonas();
  fillLanguages();
  build();
}

function listen() {
  const events = new EventSource("/api/events");
  events.onmessage = (event) => {
    for (const chatId of JSON.parse(event.data).chats) refresh(chatId);
  };
  events.onerror = () => { $("offline").hidden = false; };
  events.onopen = () => {
    if (!$("offline").hidden) { $("offline").hidden = true; build(); }
  };
}

$("photo-input").onchange = async () => {
  const file = $("photo-input").files[0];
  $("photo-input").value = "";
  const pane = paneByKey(state.photoFor);
  if (!file || !pane) return;
  const input = document.querySelector(`.pane[data-pane="${pane.key}"] textarea`);
  const caption = input.value.trim();
  input.value = "";
  await send_(pane, caption ? { text: caption } : {}, file);
};

load().then(listen);
