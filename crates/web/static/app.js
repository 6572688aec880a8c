// Small behaviours that work without it: a confirmation before forms that
// carry data-confirm (locking an account, for example).
document.addEventListener("submit", (event) => {
  const message = event.target.dataset && event.target.dataset.confirm;
  if (message && !window.confirm(message)) {
    event.preventDefault();
  }
});
