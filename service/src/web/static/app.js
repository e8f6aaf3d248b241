// GRAX Connect: small progressive enhancements. Every page works without this file.
(function () {
  'use strict';

  // Move focus to a form's error summary so keyboard and screen-reader users hear what went wrong.
  document.addEventListener('DOMContentLoaded', function () {
    var summary = document.querySelector('[data-error-summary]');
    if (summary) summary.focus();
  });

  // Ask before dangerous submissions (data-confirm) and ignore a second click while a form is being sent.
  document.addEventListener('submit', function (event) {
    var form = event.target;
    if (!(form instanceof HTMLFormElement)) return;
    var question = form.getAttribute('data-confirm');
    if (question && !window.confirm(question)) {
      event.preventDefault();
      return;
    }
    if (form.getAttribute('data-submitting') === 'true') {
      event.preventDefault();
      return;
    }
    form.setAttribute('data-submitting', 'true');
    form.querySelectorAll('button[type="submit"]').forEach(function (submit) {
      submit.setAttribute('aria-disabled', 'true');
    });
  });

  // A page restored from the back/forward cache must accept submissions again.
  window.addEventListener('pageshow', function () {
    document.querySelectorAll('form[data-submitting]').forEach(function (form) {
      form.removeAttribute('data-submitting');
      form.querySelectorAll('button[aria-disabled="true"]').forEach(function (submit) {
        submit.removeAttribute('aria-disabled');
      });
    });
  });
})();
