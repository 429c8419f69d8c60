// The phone: big option buttons (colour, shape and letter), locked in once chosen; the player's
// own line after each question. It shows what the server sends; the server grades and times.
(function () {
  "use strict";
  var root = document.getElementById("live-play");
  if (!root) { return; }
  var strings = document.getElementById("live-strings").dataset;
  var message = document.getElementById("live-message");
  var form = document.getElementById("live-options");
  var list = document.getElementById("live-option-list");
  var legend = document.getElementById("live-options-legend");
  var picked = document.getElementById("live-order-picked");
  var undo = document.getElementById("live-order-undo");
  var result = document.getElementById("live-result");
  var score = document.getElementById("live-score");
  var me = { id: null, first: 0 };
  var current = null, order = [];
  // WebSocket first (no sticky sessions needed behind several processes), long-polling if it is blocked.
  var socket = io("/live", { transports: ["websocket", "polling"], tryAllTransports: true,
                             auth: { token: root.dataset.token } });

  function fill(text, values) {
    return text.replace(/\{(\w+)\}/g, function (_m, key) { return values[key]; });
  }

  function say(text) { message.textContent = text; }

  function hideOptions() { form.hidden = true; list.textContent = ""; picked.hidden = true; undo.hidden = true; }

  function lock(chosen) {
    Array.prototype.forEach.call(list.querySelectorAll("button"), function (b) { b.disabled = true; });
    if (chosen) { chosen.setAttribute("aria-pressed", "true"); }
  }

  function send(choice, chosen) {
    var asked = current;
    lock(chosen);
    socket.emit("answer", { position: asked.position, choice: choice }, function (ack) {
      if (current !== asked) { return; }  // the answer was shown already (the last answer closes the question)
      if (ack && ack.ok) { say(strings.locked); } else { say(ack ? ack.error : strings.reconnecting); }
      hideOptions();
    });
  }

  function optionButton(i, text, kind) {
    var button = document.createElement("button");
    var badge = document.createElement("span");
    button.type = "button";
    button.className = "live-option live-shape-" + (i % 6);
    badge.className = "live-badge";
    badge.setAttribute("aria-hidden", "true");
    badge.textContent = kind === "order" ? "" : strings.shapes[i % 6] + " " + strings.letters[i % 6];
    button.appendChild(badge);
    button.appendChild(document.createTextNode(" " + text));
    return button;
  }

  function showOrderPicks() {
    picked.hidden = order.length === 0;
    undo.hidden = order.length === 0;
    picked.textContent = order.map(function (i) { return current.choices[i]; }).join(" → ");
  }

  function showQuestion(q) {
    current = q;
    order = [];
    result.hidden = true;
    list.textContent = "";
    var template = q.kind === "order" ? strings.order : strings.choose;
    legend.textContent = fill(template, { n: q.position + 1, m: q.total });
    say("");
    q.choices.forEach(function (text, i) {
      var button = optionButton(i, text, q.kind);
      button.addEventListener("click", function () {
        if (q.kind !== "order") { send([String(i)], button); return; }
        order.push(i);
        button.disabled = true;
        showOrderPicks();
        if (order.length === q.choices.length) { send(order.map(String), null); }
      });
      list.appendChild(button);
    });
    showOrderPicks();
    form.hidden = false;
    var first = list.querySelector("button");
    if (first) { first.focus(); }
  }

  undo.addEventListener("click", function () {
    var last = order.pop();
    if (last !== undefined) { list.querySelectorAll("button")[last].disabled = false; }
    showOrderPicks();
  });

  function showLine(line, ended) {
    current = null;
    hideOptions();
    if (!line) { say(ended ? strings.ended : strings.missed); return; }
    score.textContent = line.score;
    if (ended) { say(fill(strings.final, line)); result.hidden = true; return; }
    var verdict = line.fraction === null || line.fraction === undefined ? strings.missed
      : line.fraction >= 1 ? strings.right : line.fraction > 0 ? strings.partly : strings.wrong;
    say(verdict);
    result.textContent = fill(strings.line, line);
    result.hidden = false;
  }

  function showPhase(data) {
    if (data.phase === "lobby") { say(strings.lobby); return; }
    if (data.phase === "question") {
      if (data.position < me.first) { hideOptions(); say(strings.waiting); return; }
      showQuestion(data.question);
      return;
    }
    showLine(data.me, data.phase === "ended");  // the server sends each phone only its own line
  }

  function showState(data) {
    if (!data || data.ok === false) { hideOptions(); say(strings.refused); return; }
    me.id = data.player_id;
    me.first = data.first_position;
    document.getElementById("live-nickname").textContent = data.nickname;
    score.textContent = data.score;
    if (data.phase === "question") {
      if (data.question) { showQuestion(data.question); }
      else { hideOptions(); say(data.waiting ? strings.waiting : strings.locked); }
      return;
    }
    if (data.phase === "lobby") { say(strings.lobby); return; }
    showLine(data.me, data.phase === "ended");
  }

  // After every (re)connect ask where the game is: the phone may have slept through a question.
  socket.on("connect", function () { socket.emit("sync", {}, showState); });

  socket.on("phase", showPhase);
  socket.on("removed", function () { hideOptions(); say(strings.removed); socket.disconnect(); });
  socket.on("connect_error", function (error) {
    say(error && error.message === "not a player" ? strings.refused : strings.reconnecting);
  });
  socket.on("disconnect", function (reason) {
    if (reason !== "io client disconnect") { say(strings.reconnecting); }
  });
})();
