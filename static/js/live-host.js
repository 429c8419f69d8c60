// The projector: draws what the server renders, counts down the server's time, and sends the
// host's moves. The server decides everything; a reload asks it again and resumes where the game is.
(function () {
  "use strict";
  var root = document.getElementById("live-host");
  if (!root) { return; }
  var stage = document.getElementById("live-stage");
  var status = document.getElementById("live-status");
  // WebSocket first (no sticky sessions needed behind several processes), long-polling if it is blocked.
  var socket = io("/live", { transports: ["websocket", "polling"], tryAllTransports: true,
                             auth: { role: "host", game: Number(root.dataset.game) } });
  var timer = null, position = -1, revealing = false;

  function send(event, data) {
    socket.emit(event, data || {}, function (ack) {
      if (ack && !ack.ok) { status.textContent = ack.error; }
    });
  }

  function reveal() {
    if (revealing) { return; }
    revealing = true;
    send("reveal");
  }

  function countdown(ms) {
    var clock = document.getElementById("live-countdown");
    var end = Date.now() + ms;
    window.clearInterval(timer);
    function tick() {
      var left = Math.max(0, Math.ceil((end - Date.now()) / 1000));
      if (clock) { clock.textContent = left; }
      if (left === 0) { window.clearInterval(timer); reveal(); }
    }
    tick();
    timer = window.setInterval(tick, 250);
  }

  function showStage(data) {
    if (!data || !data.html) { status.textContent = data && data.error ? data.error : root.dataset.errorLabel; return; }
    window.clearInterval(timer);
    stage.innerHTML = data.html;
    status.textContent = "";
    position = data.position;
    revealing = false;
    if (data.phase === "question") { countdown(data.remaining_ms); }
    if (data.phase === "ended") {
      var join = root.querySelector(".live-join");
      if (join) { join.hidden = true; }
    }
  }

  // After every (re)connect ask where the game is (a reload resumes it), then follow its changes.
  socket.on("connect", function () { socket.emit("sync", {}, showStage); });
  socket.on("stage", showStage);
  // The server moved the game by itself (a question's time ran out): ask for the stage in our language.
  socket.on("moved", function () { socket.emit("sync", {}, showStage); });

  socket.on("players", function (data) {
    var list = document.getElementById("live-players");
    var count = document.getElementById("live-player-count");
    if (count) { count.textContent = data.players.length; }
    if (!list) { return; }
    list.textContent = "";
    data.players.forEach(function (p) {
      var item = document.createElement("li");
      var name = document.createElement("span");
      var remove = document.createElement("button");
      name.textContent = p.nickname;
      remove.type = "button";
      remove.className = "link-button live-remove";
      remove.dataset.player = p.id;
      remove.textContent = root.dataset.removeLabel.replace("{name}", p.nickname);
      item.appendChild(name);
      item.appendChild(document.createTextNode(" "));
      item.appendChild(remove);
      list.appendChild(item);
    });
  });

  socket.on("tally", function (data) {
    if (data.position !== position) { return; }
    var answered = document.getElementById("live-answered");
    var expected = document.getElementById("live-expected");
    // Each app process sends its own counts: one sent earlier may arrive after a later, larger one.
    if (answered && Number(answered.textContent) > data.answered) { return; }
    if (answered) { answered.textContent = data.answered; }
    if (expected) { expected.textContent = data.expected; }
    if (data.expected > 0 && data.answered >= data.expected) { reveal(); }
  });

  socket.on("connect_error", function () { status.textContent = root.dataset.errorLabel; });
  socket.on("disconnect", function () { status.textContent = root.dataset.errorLabel; });

  stage.addEventListener("click", function (event) {
    var button = event.target.closest("button");
    if (!button) { return; }
    if (button.classList.contains("live-next")) { button.disabled = true; send("next"); }
    if (button.classList.contains("live-reveal")) { reveal(); }
    if (button.classList.contains("live-end")) { button.disabled = true; send("end"); }
    if (button.classList.contains("live-remove")) { send("remove", { player: Number(button.dataset.player) }); }
  });
})();
