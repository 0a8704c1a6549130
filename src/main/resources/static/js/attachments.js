/*
 * The file fields of the case page (reply, note): the chosen files are checked against the limits the field states
 * before the form is sent. A file over the container's upload limit would otherwise be refused with an error page
 * after the whole upload, and what the agent wrote would be lost; a file the case refuses costs a round trip. Here the
 * form is not sent: the error is shown beside the field as the server shows it (the same texts, rendered into the
 * field's data attributes in the page's language), the field is marked invalid and takes the focus. The server checks
 * everything again; without JavaScript its answers are the same texts.
 */
(function () {
  'use strict';

  function problem(input) {
    var files = input.files || [];
    var data = input.dataset;
    if (files.length > Number(data.maxFiles)) return data.msgTooMany;
    var total = 0;
    for (var i = 0; i < files.length; i++) {
      var file = files[i];
      total += file.size;
      if (file.size === 0) return data.msgEmpty.replace('{0}', file.name);
      if (file.size > Number(data.maxFileBytes)) return data.msgTooLarge.replace('{0}', file.name);
    }
    if (total > Number(data.maxTotalBytes)) return data.msgTotal;
    return null;
  }

  function describedBy(input, id, present) {
    var ids = (input.getAttribute('aria-describedby') || '').split(/\s+/).filter(function (x) { return x && x !== id; });
    if (present) ids.push(id);
    if (ids.length) input.setAttribute('aria-describedby', ids.join(' '));
    else input.removeAttribute('aria-describedby');
  }

  function show(input, message) {
    var id = input.id + '-error';
    var error = document.getElementById(id);
    if (message === null) {
      if (error && error.hasAttribute('data-client')) {
        error.parentNode.removeChild(error);
        input.removeAttribute('aria-invalid');
        describedBy(input, id, false);
      }
      return;
    }
    if (!error) {
      error = document.createElement('p');
      error.id = id;
      error.className = 'field-error';
      input.parentNode.insertBefore(error, input);
    }
    error.setAttribute('data-client', '');
    error.textContent = '';
    var prefix = document.createElement('span');
    prefix.className = 'visually-hidden';
    prefix.textContent = input.dataset.errorPrefix;
    var text = document.createElement('span');
    text.textContent = message;
    error.appendChild(prefix);
    error.appendChild(document.createTextNode(' '));
    error.appendChild(text);
    input.setAttribute('aria-invalid', 'true');
    describedBy(input, id, true);
  }

  document.querySelectorAll('input[type=file][data-max-files]').forEach(function (input) {
    input.addEventListener('change', function () {
      var error = document.getElementById(input.id + '-error');
      if (error && error.hasAttribute('data-client')) show(input, problem(input));
    });
    input.form.addEventListener('submit', function (event) {
      var message = problem(input);
      show(input, message);
      if (message === null) return;
      event.preventDefault();
      var prefix = input.dataset.errorPrefix + ' ';
      if (document.title.indexOf(prefix) !== 0) document.title = prefix + document.title;
      input.focus();
    });
  });
})();
