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
  // --- Connection flows: live job progress (Auto Config, Verify) -------------------------------------------------
  // A [data-job-poll] section names the JSON endpoint of its job; every 2 s its progress bar, aria values and status
  // line are updated until the job finishes. Without this script the page's Refresh link does the same by hand.
  document.addEventListener('DOMContentLoaded', function () {
    document.querySelectorAll('[data-job-poll]').forEach(function (section) {
      if (section.getAttribute('data-job-finished') === 'true') return;
      var url = section.getAttribute('data-job-poll');
      var bar = section.querySelector('[data-job-bar]');
      var status = section.querySelector('[data-job-status]');
      var refresh = section.querySelector('[data-job-refresh]');
      var timer = window.setInterval(function () {
        window
          .fetch(url, { headers: { Accept: 'application/json' }, credentials: 'same-origin' })
          .then(function (response) {
            if (!response.ok) throw new Error('status ' + response.status);
            return response.json();
          })
          .then(function (job) {
            if (bar) {
              bar.value = job.percent;
              bar.setAttribute('aria-valuenow', String(job.percent));
              bar.textContent = job.percent + '%';
            }
            if (status && status.textContent !== job.status) status.textContent = job.status;
            if (job.finished) {
              window.clearInterval(timer);
              section.setAttribute('data-job-finished', 'true');
              if (refresh) refresh.textContent = 'Refresh to see the results';
            }
          })
          .catch(function () {
            // Signed out or offline: stop polling; the Refresh link still works.
            window.clearInterval(timer);
          });
      }, 2000);
    });
  });
  // --- End of connection flows --------------------------------------------------------------------------------------
})();
