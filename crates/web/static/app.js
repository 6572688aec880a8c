// Small behaviours that work without it: a confirmation before forms that
// carry data-confirm (locking an account, for example).
document.addEventListener("submit", (event) => {
  const message = event.target.dataset && event.target.dataset.confirm;
  if (message && !window.confirm(message)) {
    event.preventDefault();
  }
});

// The contest paper: a countdown, and the answers handed in when time is
// up (the server allows a short grace for a slow connection).
(() => {
  const paper = document.getElementById("paper");
  const left = document.getElementById("time-left");
  if (!paper || !left) return;
  const end = Date.now() + Number(paper.dataset.secondsLeft) * 1000;
  const tick = () => {
    const s = Math.max(0, Math.round((end - Date.now()) / 1000));
    left.textContent = "còn " + Math.floor(s / 60) + " phút " + String(s % 60).padStart(2, "0") + " giây";
    if (s === 0) {
      paper.submit();
      return;
    }
    setTimeout(tick, 1000);
  };
  tick();
})();
