// The page knows the script runs: the phone menu folds behind its button.
document.documentElement.classList.add("js");
document.querySelectorAll(".menu-toggle").forEach((button) => {
  const menu = document.getElementById(button.getAttribute("aria-controls"));
  if (!menu) return;
  button.addEventListener("click", () => {
    const open = menu.classList.toggle("open");
    button.setAttribute("aria-expanded", String(open));
  });
});

// Small behaviours that work without it: a confirmation before forms that
// carry data-confirm, or whose pressed button does (locking an account,
// a checkpoint's label printed again).
document.addEventListener("submit", (event) => {
  const button = event.submitter && event.submitter.dataset;
  const message = (button && button.confirm) || (event.target.dataset && event.target.dataset.confirm);
  if (message && !window.confirm(message)) {
    event.preventDefault();
  }
});

// The contest paper: the answers ticked so far are kept on the server a
// few seconds after each change and when the page is left, and in this
// browser under the attempt's own name, so a reload or a lost connection
// loses none; handing in with blanks names them first.
(() => {
  const paper = document.getElementById("paper");
  if (!paper) return;
  const name = "antt-paper:" + paper.dataset.keptAs;
  const questions = Array.from(paper.querySelectorAll("fieldset.question"));
  const ticked = () => {
    const out = {};
    paper.querySelectorAll("fieldset.question input").forEach((i) => {
      out[i.name] = out[i.name] || [];
      if (i.checked) out[i.name].push(i.value);
    });
    return out;
  };
  try {
    const copy = JSON.parse(window.localStorage.getItem(name) || "null");
    if (copy) {
      paper.querySelectorAll("fieldset.question input").forEach((i) => {
        if (copy[i.name]) i.checked = copy[i.name].includes(i.value);
      });
    }
  } catch (_) { /* no storage: the server's copy is shown */ }
  let pending = null;
  const keep = () => {
    pending = null;
    const body = new URLSearchParams(new FormData(paper));
    if (!(navigator.sendBeacon && navigator.sendBeacon(paper.dataset.keep, body))) {
      fetch(paper.dataset.keep, { method: "POST", body, credentials: "same-origin", keepalive: true }).catch(() => {});
    }
  };
  paper.addEventListener("change", () => {
    try { window.localStorage.setItem(name, JSON.stringify(ticked())); } catch (_) { /* full or off */ }
    if (!pending) pending = setTimeout(keep, 3000);
  });
  const flush = () => {
    if (pending) {
      clearTimeout(pending);
      keep();
    }
  };
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "hidden") flush();
  });
  window.addEventListener("pagehide", flush);
  paper.addEventListener("submit", (event) => {
    const blank = questions
      .map((q, n) => (q.querySelector("input:checked") ? 0 : n + 1))
      .filter(Boolean);
    const message = blank.length
      ? "Còn " + blank.length + " câu chưa trả lời (câu " + blank.join(", ") + "). Vẫn nộp bài? Sau khi nộp không sửa được nữa."
      : "Nộp bài? Sau khi nộp không sửa được nữa.";
    if (!window.confirm(message)) {
      event.preventDefault();
      return;
    }
    if (pending) clearTimeout(pending);
    try { window.localStorage.removeItem(name); } catch (_) { /* nothing kept */ }
  });
})();

// The contest paper's countdown, and the answers handed in when time is
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

// The gate's shift log without a connection: an entry keeps the time it
// was written ("at"); with no network it waits on the phone (localStorage)
// and is sent, with that time, as soon as the connection returns.
document.querySelectorAll("form[data-offline-queue]").forEach((form) => {
  const key = "antt-queue-" + form.dataset.offlineQueue;
  const queued = () => JSON.parse(localStorage.getItem(key) || "[]");
  const note = document.createElement("p");
  note.className = "small muted";
  form.appendChild(note);
  const show = () => {
    const n = queued().length;
    note.textContent = n ? n + " mục đang chờ gửi (chưa có mạng)." : "";
  };
  const flush = async () => {
    let left = queued();
    while (left.length && navigator.onLine) {
      try {
        const r = await fetch(form.action, {
          method: "POST",
          credentials: "same-origin",
          headers: { "Content-Type": "application/x-www-form-urlencoded" },
          body: new URLSearchParams(left[0]),
        });
        if (!r.ok && r.status !== 422) break;
      } catch (_) {
        break;
      }
      left = left.slice(1);
      localStorage.setItem(key, JSON.stringify(left));
    }
    show();
    if (!left.length && form.dataset.flushed) location.reload();
  };
  form.addEventListener("submit", (event) => {
    const now = form.querySelector("[data-now]");
    if (now) now.value = new Date().toISOString();
    if (navigator.onLine) return;
    event.preventDefault();
    localStorage.setItem(key, JSON.stringify(queued().concat([Array.from(new FormData(form).entries())])));
    form.reset();
    form.dataset.flushed = "1";
    show();
  });
  window.addEventListener("online", flush);
  show();
  flush();
});
