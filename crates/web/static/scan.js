// The patrol scan page: reads a checkpoint label's QR code with the
// phone's camera (live where the browser allows it: HTTPS or this machine;
// else from a photo, which works on any phone), then submits the form,
// which the offline queue of app.js keeps on the phone without a network.
// Decoding is the browser's BarcodeDetector where it has one, else the
// vendored jsQR.
(() => {
  const form = document.querySelector("form[data-scan]");
  if (!form) return;
  const label = form.querySelector("input[name=label]");
  const submit = form.querySelector("button[type=submit]");
  const video = document.getElementById("scan-video");
  const start = document.getElementById("scan-start");
  const photo = document.getElementById("scan-photo");
  const status = document.getElementById("scan-status");
  const canvas = document.createElement("canvas");
  const context = canvas.getContext("2d", { willReadFrequently: true });
  const detector = "BarcodeDetector" in window ? new window.BarcodeDetector({ formats: ["qr_code"] }) : null;
  let stream = null;

  const stop = () => {
    if (stream) stream.getTracks().forEach((t) => t.stop());
    stream = null;
    video.hidden = true;
  };

  // A label says "…/gate/scan?c=A1&k=SECRET".
  const found = (text) => {
    if (!/(^|[?&])c=[^&]+&k=[^&]+/.test(text)) {
      status.textContent = "Mã vừa đọc không phải nhãn điểm tuần tra. Hãy quét nhãn dán tại điểm.";
      return false;
    }
    stop();
    label.value = text;
    const code = (text.match(/c=([^&]+)/) || [])[1] || "";
    status.textContent = navigator.onLine
      ? "Đã đọc nhãn " + code.toUpperCase() + ", đang ghi…"
      : "Đã đọc nhãn " + code.toUpperCase() + ": lưu trên điện thoại, sẽ gửi khi có mạng.";
    form.requestSubmit();
    return true;
  };

  const decode = async (source, width, height) => {
    if (detector) {
      try {
        const codes = await detector.detect(source);
        if (codes.length) return codes[0].rawValue;
      } catch (_) { /* fall through to jsQR */ }
    }
    if (!window.jsQR || !width || !height) return null;
    const scale = Math.min(1, 1024 / Math.max(width, height));
    canvas.width = Math.round(width * scale);
    canvas.height = Math.round(height * scale);
    context.drawImage(source, 0, 0, canvas.width, canvas.height);
    const pixels = context.getImageData(0, 0, canvas.width, canvas.height);
    const code = window.jsQR(pixels.data, canvas.width, canvas.height, { inversionAttempts: "attemptBoth" });
    return code ? code.data : null;
  };

  const tick = async () => {
    if (!stream) return;
    if (video.readyState >= 2) {
      const text = await decode(video, video.videoWidth, video.videoHeight);
      if (text && found(text)) return;
    }
    setTimeout(tick, 250);
  };

  if (navigator.mediaDevices && navigator.mediaDevices.getUserMedia && window.isSecureContext) {
    start.hidden = false;
    start.addEventListener("click", async () => {
      try {
        stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" }, audio: false });
        video.srcObject = stream;
        video.hidden = false;
        await video.play();
        status.textContent = "Đưa mã QR vào giữa khung hình.";
        tick();
      } catch (_) {
        status.textContent = "Không mở được camera: hãy dùng nút “Chụp ảnh nhãn”.";
      }
    });
  }

  photo.addEventListener("change", () => {
    const file = photo.files && photo.files[0];
    if (!file) return;
    const url = URL.createObjectURL(file);
    const img = new Image();
    img.onload = async () => {
      const text = await decode(img, img.naturalWidth, img.naturalHeight);
      URL.revokeObjectURL(url);
      photo.value = "";
      if (!text) {
        status.textContent = "Không đọc được mã trong ảnh: chụp gần hơn, đủ sáng, cả mã nằm trong ảnh.";
      } else {
        found(text);
      }
    };
    img.onerror = () => { URL.revokeObjectURL(url); };
    img.src = url;
  });

  if (label.value && submit) submit.hidden = false;
})();
