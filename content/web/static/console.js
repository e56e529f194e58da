// Passerelle console: small enhancements over pages that work without JavaScript.
// Every text comes from the server: this script only fetches HTML fragments (through the same
// permission-checked routes as the pages) and puts them in place.
"use strict";

(function () {
  const token = document.querySelector('meta[name="csrf-token"]')?.content || "";

  async function fragment(url) {
    const response = await fetch(url, {
      headers: { "X-Console-Fragment": "1", "X-CSRF-Token": token },
      credentials: "same-origin",
    });
    if (response.status === 401) {
      window.location.reload(); // the session ended: the page shows the login form
      return null;
    }
    return response.ok ? response.text() : null;
  }

  async function refresh(element) {
    const html = await fragment(element.dataset.fragment);
    if (html !== null) {
      element.innerHTML = html;
      element.dispatchEvent(new CustomEvent("console:refreshed", { bubbles: true }));
    }
  }

  function debounce(fn, ms) {
    let timer = null;
    return (...args) => {
      clearTimeout(timer);
      timer = setTimeout(() => fn(...args), ms);
    };
  }

  // Live inbox: server-sent events say "something changed"; refetch what this page shows.
  const live = document.querySelectorAll("[data-live]");
  if (live.length && "EventSource" in window) {
    const events = new EventSource("/console/live");
    events.addEventListener("inbox", () => live.forEach(refresh));
    document.documentElement.dataset.liveConnected = "pending";
    events.addEventListener("hello", () => {
      document.documentElement.dataset.liveConnected = "yes";
    });
  }

  // Progress that moves by itself (an announcement being sent): poll until it says it is final.
  document.querySelectorAll("[data-poll]").forEach((element) => {
    const every = Number(element.dataset.pollEvery || 1000);
    const tick = async () => {
      if (element.querySelector("[data-final]")) return;
      const html = await fragment(element.dataset.poll);
      if (html !== null) element.innerHTML = html;
      setTimeout(tick, every);
    };
    setTimeout(tick, every);
  });

  // A form whose count (an announcement's audience) updates as choices change.
  document.querySelectorAll("form[data-count-url]").forEach((form) => {
    const target = document.getElementById(form.dataset.countTarget);
    const update = debounce(async () => {
      const query = new URLSearchParams(new FormData(form));
      query.delete("csrf");
      query.delete("text");
      const html = await fragment(form.dataset.countUrl + "?" + query.toString());
      if (html !== null && target) target.innerHTML = html;
    }, 250);
    form.addEventListener("change", update);
    form.addEventListener("input", (event) => {
      if (event.target.name !== "text") update();
    });
  });

  // Opening hours checked as they are typed, with "open now" previewed.
  document.querySelectorAll("input[data-hours-check]").forEach((input) => {
    const target = document.getElementById(input.dataset.hoursTarget);
    const postcode = input.form?.querySelector('[name="postcode"]');
    const update = debounce(async () => {
      const query = new URLSearchParams({ value: input.value, postcode: postcode?.value || "" });
      const html = await fragment(input.dataset.hoursCheck + "?" + query.toString());
      if (html === null || !target) return;
      target.innerHTML = html;
      const invalid = target.querySelector("[data-invalid]") !== null;
      input.setAttribute("aria-invalid", invalid ? "true" : "false");
    }, 200);
    input.addEventListener("input", update);
  });

  // A canned reply fills the message box (in French), which the volunteer may adapt.
  document.addEventListener("change", (event) => {
    const select = event.target.closest("select[data-canned]");
    if (!select) return;
    const option = select.selectedOptions[0];
    const form = select.form;
    const box = form?.querySelector('textarea[name="text"]');
    const language = form?.querySelector('select[name="language"]');
    if (option && option.dataset.text && box) {
      box.value = option.dataset.text;
      if (language) language.value = "fr";
      select.value = "";
      box.focus();
    }
  });

  // Keep the newest message in view after a refresh of the conversation.
  document.addEventListener("console:refreshed", (event) => {
    const list = event.target.querySelector?.(".messages");
    if (list) list.lastElementChild?.scrollIntoView({ block: "nearest" });
  });
})();
