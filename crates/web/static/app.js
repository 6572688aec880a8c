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

// Tip forms: photos are made smaller on the phone before they are sent
// (longest side 1600 px, JPEG), so a weak connection carries a few hundred
// kilobytes instead of several megabytes. The server re-encodes them again
// and drops their metadata either way; without this script the originals go.
document.querySelectorAll("form[data-shrink-photos]").forEach((form) => {
  const input = form.querySelector("input[type=file][name=photos]");
  if (!input || !window.DataTransfer || !HTMLCanvasElement.prototype.toBlob) return;
  const shrink = (file) => new Promise((resolve) => {
    if (!file.type.startsWith("image/") || file.size < 600 * 1024) return resolve(file);
    const url = URL.createObjectURL(file);
    const img = new Image();
    img.onload = () => {
      const scale = Math.min(1, 1600 / Math.max(img.width, img.height));
      const canvas = document.createElement("canvas");
      canvas.width = Math.round(img.width * scale);
      canvas.height = Math.round(img.height * scale);
      canvas.getContext("2d").drawImage(img, 0, 0, canvas.width, canvas.height);
      URL.revokeObjectURL(url);
      canvas.toBlob((blob) => resolve(blob ? new File([blob], "anh.jpg", { type: "image/jpeg" }) : file), "image/jpeg", 0.8);
    };
    img.onerror = () => { URL.revokeObjectURL(url); resolve(file); };
    img.src = url;
  });
  let ready = false;
  form.addEventListener("submit", (event) => {
    if (ready || input.files.length === 0) return;
    event.preventDefault();
    const button = form.querySelector("button[type=submit]");
    if (button) button.disabled = true;
    Promise.all(Array.from(input.files).map(shrink)).then((files) => {
      const all = new DataTransfer();
      files.forEach((f) => all.items.add(f));
      input.files = all.files;
      ready = true;
      form.submit();
    });
  });
});
