// Progressive enhancement shared by every dashboard page. Pages work without it (plain links and
// forms); with it, confirmations ask before a destructive submit.
document.addEventListener('submit', (event) => {
  const form = event.target as HTMLFormElement | null;
  const question = form?.dataset.confirm;
  if (question && !window.confirm(question)) event.preventDefault();
});
