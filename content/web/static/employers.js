// Passerelle, employers' pages: suggestions while a trade or a commune is typed. The form works
// without this script (the server finds the trade and the commune from the words, and offers a
// choice when several fit); every text comes from the server, which renders the suggestions.
"use strict";

(function () {
  function debounce(fn, ms) {
    let timer = null;
    return (...args) => {
      clearTimeout(timer);
      timer = setTimeout(() => fn(...args), ms);
    };
  }

  document.querySelectorAll("input[data-suggest]").forEach((input) => {
    const target = document.getElementById(input.dataset.suggestTarget);
    const code = input.form?.querySelector('input[name="ogr"]');
    let asked = 0;
    const update = debounce(async () => {
      const mine = ++asked;
      const query = new URLSearchParams({ q: input.value });
      const response = await fetch(input.dataset.suggest + "?" + query.toString(), {
        credentials: "same-origin",
      });
      if (!response.ok || mine !== asked || !target) return; // an answer to older words
      target.innerHTML = await response.text();
    }, 200);
    input.addEventListener("input", () => {
      if (code && input.name === "title") code.value = ""; // typed again: not the one chosen
      update();
    });
    target?.addEventListener("click", (event) => {
      const button = event.target.closest("button[data-fill]");
      if (!button) return;
      input.value = button.dataset.value;
      if (code && input.name === "title") code.value = button.dataset.code || "";
      target.innerHTML = "";
      input.focus();
    });
  });
})();
