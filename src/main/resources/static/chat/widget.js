/*
 * Aspa chat widget. Embed with one tag:
 *   <script src="https://aspa.example/chat/widget.js" data-organization="esimerkkila" data-lang="fi" defer></script>
 * Plain JavaScript, no inline styles or scripts (strict CSP): its look is /chat/widget.css. A link on the page with
 * the attribute data-aspa-chat (e.g. to the contact form) becomes the chat button; without JavaScript it stays a link.
 * A data-resume attribute (a resume token) continues a conversation handed over elsewhere, e.g. by the help pages' bot.
 * Transport: WebSocket (/chat/socket); when that cannot connect, the same protocol over HTTP (POST + long polling).
 * Every line has a client id; it is shown as sent only after the server's ack, and resent with the same id after a
 * reconnect, so nothing is lost or doubled.
 */
(function () {
  'use strict';
  var script = document.currentScript;
  if (!script || window.aspaChatLoaded) return;
  window.aspaChatLoaded = true;

  var src = new URL(script.src, document.baseURI);
  var base = src.origin + src.pathname.replace(/\/chat\/widget\.js$/, '');
  var wsBase = base.replace(/^http/, 'ws');
  var organization = script.getAttribute('data-organization') || '';
  var lang = (script.getAttribute('data-lang') || document.documentElement.lang || 'fi').slice(0, 2);
  var storeKey = 'aspa-chat:' + base + ':' + organization;

  var texts = {};
  var status = null;
  var token = null;
  var lastSeq = 0;
  var pending = {};          // clientId -> {body, li}
  var lines = {};            // clientId -> li of acknowledged own lines
  var state = 'none';        // none | new | waiting | active | closed | left_message
  var reference = null;
  var ws = null;
  var wsOpened = false;
  var wsFailures = 0;
  var polling = false;
  var reconnectDelay = 1000;
  var reconnectTimer = null;
  var typingTimer = null;
  var lastTypingSent = 0;
  var lastReadSent = 0;
  var firstMessage = null;
  var ended = false;

  // ------------------------------------------------------------------ elements

  function el(tag, className, text) {
    var e = document.createElement(tag);
    if (className) e.className = className;
    if (text != null) e.textContent = text;
    return e;
  }

  function t(key, arg) {
    var s = texts[key] || key;
    return arg == null ? s : s.replace('{0}', arg);
  }

  var css = document.createElement('link');
  css.rel = 'stylesheet';
  css.href = base + '/chat/widget.css';
  document.head.appendChild(css);

  var launcher = null;
  var panel = el('section', 'aspa-chat');
  panel.id = 'aspa-chat';
  panel.hidden = true;
  panel.setAttribute('role', 'dialog');
  panel.setAttribute('aria-modal', 'false');
  panel.setAttribute('aria-labelledby', 'aspa-chat-title');
  var head = el('div', 'aspa-chat__head');
  var title = el('h2', 'aspa-chat__title');
  title.id = 'aspa-chat-title';
  title.tabIndex = -1;
  var closeButton = el('button', 'aspa-chat__close');
  closeButton.type = 'button';
  head.appendChild(title);
  head.appendChild(closeButton);
  var body = el('div', 'aspa-chat__body');
  panel.appendChild(head);
  panel.appendChild(body);

  function makeLauncher() {
    var link = document.querySelector('a[data-aspa-chat]');
    var button = el('button', link ? link.className + ' aspa-chat-launcher--inline' : 'aspa-chat-launcher');
    button.type = 'button';
    button.setAttribute('aria-expanded', 'false');
    button.setAttribute('aria-controls', 'aspa-chat');
    button.textContent = t('open');
    if (link) {
      link.parentNode.replaceChild(button, link);
    } else {
      document.body.appendChild(button);
    }
    button.addEventListener('click', function () { panel.hidden ? open(true) : close(); });
    return button;
  }

  function open(focus) {
    panel.hidden = false;
    launcher.setAttribute('aria-expanded', 'true');
    if (focus) {
      var first = body.querySelector('input, textarea, button');
      (first || title).focus();
    }
  }

  function close() {
    panel.hidden = true;
    launcher.setAttribute('aria-expanded', 'false');
    launcher.focus();
  }

  panel.addEventListener('keydown', function (e) {
    if (e.key === 'Escape') { e.preventDefault(); close(); }
  });
  closeButton.addEventListener('click', close);

  // ------------------------------------------------------------------ helpers

  function clientId() {
    var bytes = new Uint8Array(16);
    window.crypto.getRandomValues(bytes);
    return Array.prototype.map.call(bytes, function (b) { return ('0' + b.toString(16)).slice(-2); }).join('');
  }

  function save() {
    try {
      if (token) window.sessionStorage.setItem(storeKey, token); else window.sessionStorage.removeItem(storeKey);
    } catch (e) { /* storage may be blocked: the chat still works on this page */ }
  }

  function request(method, path, data, withToken) {
    var headers = {};
    if (data) headers['Content-Type'] = 'application/json';
    if (withToken && token) headers['X-Aspa-Chat-Token'] = token;
    return fetch(base + path, { method: method, headers: headers, body: data ? JSON.stringify(data) : undefined, credentials: 'omit' })
      .then(function (r) {
        return r.text().then(function (text) {
          var json = null;
          try { json = text ? JSON.parse(text) : null; } catch (e) { json = null; }
          if (!r.ok) {
            var err = new Error('http ' + r.status);
            err.status = r.status;
            err.code = json && json.code;
            // 429: how long to wait, in the body too (a page on another origin may not see the Retry-After header)
            err.retryAfter = (json && json.retryAfter) || +r.headers.get('Retry-After') || 0;
            throw err;
          }
          return json;
        });
      });
  }

  function field(form, name, labelKey, kind, hintKey) {
    var wrap = el('div', 'aspa-chat__field');
    var id = 'aspa-chat-' + name;
    var label = el('label', null, t(labelKey));
    label.htmlFor = id;
    var input = el(kind === 'textarea' ? 'textarea' : 'input');
    input.id = id;
    input.name = name;
    if (kind === 'textarea') { input.rows = 3; input.maxLength = (status && status.maxMessageChars) || 4000; }
    else { input.type = kind; input.maxLength = kind === 'email' ? 254 : 200; if (kind === 'email') input.autocomplete = 'email'; if (name === 'name') input.autocomplete = 'name'; }
    wrap.appendChild(label);
    if (hintKey) {
      var hint = el('p', 'aspa-chat__hint', t(hintKey));
      hint.id = id + '-hint';
      input.setAttribute('aria-describedby', hint.id);
      wrap.appendChild(hint);
    }
    wrap.appendChild(input);
    form.appendChild(wrap);
    return input;
  }

  function errorLine(form) {
    var p = el('p', 'aspa-chat__error');
    p.setAttribute('role', 'alert');
    p.hidden = true;
    form.insertBefore(p, form.firstChild);
    return p;
  }

  function showError(p, code) {
    p.textContent = t('error.' + code) !== 'error.' + code ? t('error.' + code) : t('error.generic');
    p.hidden = false;
  }

  function contactLink() {
    var p = el('p', 'aspa-chat__contact');
    var a = el('a', null, t('contact-link'));
    a.href = base + '/contact?lang=' + encodeURIComponent(lang);
    p.appendChild(a);
    return p;
  }

  // ------------------------------------------------------------------ views

  function clear() {
    while (body.firstChild) body.removeChild(body.firstChild);
  }

  function startView() {
    clear();
    body.appendChild(el('p', null, t('intro')));
    var form = el('form', 'aspa-chat__form');
    form.noValidate = true;
    var error = errorLine(form);
    var name = field(form, 'name', 'name', 'text');
    var email = field(form, 'email', 'email', 'email', 'email-hint');
    var message = field(form, 'message', 'message', 'textarea');
    var submit = el('button', 'aspa-chat__button', t('start'));
    submit.type = 'submit';
    form.appendChild(submit);
    body.appendChild(form);
    body.appendChild(contactLink());
    form.addEventListener('submit', function (e) {
      e.preventDefault();
      if (!message.value.trim()) { showError(error, 'required'); message.setAttribute('aria-invalid', 'true'); message.focus(); return; }
      submit.disabled = true;
      request('POST', '/chat/api/sessions', { organization: organization, lang: lang, name: name.value, email: email.value,
        pageUrl: location.href })
        .then(function (r) {
          token = r.token;
          save();
          firstMessage = message.value.trim();
          state = 'new';
          chatView(true);
          connect();
        })
        .catch(function (err) {
          submit.disabled = false;
          if (err.code === 'chat-unavailable') { status.availability = 'nobody'; offlineView(message.value); return; }
          showError(error, err.code || 'generic');
          if (err.code === 'invalid-email') { email.setAttribute('aria-invalid', 'true'); email.focus(); }
        });
    });
  }

  function offlineView(text) {
    clear();
    var closed = status && status.availability === 'closed';
    var h = el('h3', 'aspa-chat__subtitle', t(closed ? 'closed-title' : 'nobody-title'));
    body.appendChild(h);
    body.appendChild(el('p', null, closed ? t('closed-text', status.hours) : t('nobody-text')));
    var form = el('form', 'aspa-chat__form');
    form.noValidate = true;
    var error = errorLine(form);
    var name = field(form, 'name', 'name', 'text');
    var email = field(form, 'email', 'email', 'email');
    var phone = field(form, 'phone', 'phone', 'tel');
    var message = field(form, 'message', 'message', 'textarea');
    if (text) message.value = text;
    var submit = el('button', 'aspa-chat__button', t('leave-submit'));
    submit.type = 'submit';
    form.appendChild(submit);
    body.appendChild(form);
    body.appendChild(contactLink());
    var id = clientId();
    form.addEventListener('submit', function (e) {
      e.preventDefault();
      if (!message.value.trim()) { showError(error, 'required'); message.setAttribute('aria-invalid', 'true'); message.focus(); return; }
      submit.disabled = true;
      request('POST', '/chat/api/messages', { organization: organization, lang: lang, clientId: id, name: name.value,
        email: email.value, phone: phone.value, body: message.value })
        .then(function (r) {
          clear();
          var thanks = el('p', 'aspa-chat__thanks', t('left-thanks', r.reference));
          thanks.setAttribute('role', 'status');
          body.appendChild(thanks);
          thanks.tabIndex = -1;
          thanks.focus();
        })
        .catch(function (err) {
          submit.disabled = false;
          showError(error, err.code || 'generic');
          if (err.code === 'invalid-email') email.setAttribute('aria-invalid', 'true');
          if (err.code === 'invalid-phone') phone.setAttribute('aria-invalid', 'true');
        });
    });
  }

  var lastQueue = null;
  var log, logBox, statusLine, typingLine, composer, composerInput, composerError, endButton, leaveBox;

  function chatView(focus) {
    clear();
    statusLine = el('p', 'aspa-chat__status');
    statusLine.setAttribute('role', 'status');
    body.appendChild(statusLine);
    logBox = el('div', 'aspa-chat__log');
    logBox.setAttribute('role', 'log');
    logBox.setAttribute('aria-live', 'polite');
    logBox.setAttribute('aria-label', t('log'));
    logBox.tabIndex = 0;
    log = el('ol', 'aspa-chat__lines');
    logBox.appendChild(log);
    body.appendChild(logBox);
    typingLine = el('p', 'aspa-chat__typing', t('typing'));
    typingLine.hidden = true;
    body.appendChild(typingLine);
    leaveBox = el('div', 'aspa-chat__leave');
    leaveBox.hidden = true;
    leaveBox.appendChild(el('p', null, t('nobody-waiting')));
    var leave = el('button', 'aspa-chat__button aspa-chat__button--secondary', t('leave-now'));
    leave.type = 'button';
    leave.addEventListener('click', function () { command({ type: 'leave' }, '/chat/api/session/leave'); });
    leaveBox.appendChild(leave);
    body.appendChild(leaveBox);
    composer = el('form', 'aspa-chat__form aspa-chat__composer');
    composer.noValidate = true;
    composerError = errorLine(composer);
    composerInput = field(composer, 'line', 'message', 'textarea');
    var send = el('button', 'aspa-chat__button', t('send'));
    send.type = 'submit';
    composer.appendChild(send);
    body.appendChild(composer);
    endButton = el('button', 'aspa-chat__button aspa-chat__button--secondary', t('end'));
    endButton.type = 'button';
    endButton.addEventListener('click', function () { command({ type: 'end' }, '/chat/api/session/end'); });
    body.appendChild(endButton);
    composer.addEventListener('submit', function (e) {
      e.preventDefault();
      var text = composerInput.value.trim();
      if (!text) { showError(composerError, 'required'); return; }
      composerError.hidden = true;
      composerInput.value = '';
      sendLine(text);
    });
    composerInput.addEventListener('keydown', function (e) {
      if (e.key === 'Enter' && !e.shiftKey) { e.preventDefault(); composer.requestSubmit ? composer.requestSubmit() : composer.dispatchEvent(new Event('submit')); }
    });
    composerInput.addEventListener('input', function () {
      var now = Date.now();
      if (now - lastTypingSent > 3000) { lastTypingSent = now; command({ type: 'typing' }, '/chat/api/session/typing', true); }
    });
    statusLine.textContent = t('waiting');
    if (focus) composerInput.focus();
  }

  function endedView(eventKey) {
    var hadFocus = body.contains(document.activeElement);
    ended = true;
    token = null;
    save();
    if (ws) { try { ws.close(); } catch (e) { /* closing */ } }
    if (composer) composer.hidden = true;
    if (endButton) endButton.hidden = true;
    if (leaveBox) leaveBox.hidden = true;
    typingLine.hidden = true;
    statusLine.textContent = t(eventKey) + (reference ? ' ' + t('reference', reference) : '');
    var again = el('button', 'aspa-chat__button', t('new-chat'));
    again.type = 'button';
    again.addEventListener('click', function () { reset(); start(true); });
    body.appendChild(again);
    if (hadFocus) { statusLine.tabIndex = -1; statusLine.focus(); }
  }

  function reset() {
    ended = false; token = null; lastSeq = 0; pending = {}; lines = {}; state = 'none'; reference = null; polling = false; slowDown = false;
    ws = null; wsOpened = false; wsFailures = 0;
  }

  // ------------------------------------------------------------------ conversation

  function addLine(kind, who, text) {
    var li = el('li', 'aspa-chat__line aspa-chat__line--' + kind);
    li.appendChild(el('span', 'aspa-chat__who', who));
    li.appendChild(el('span', 'aspa-chat__text', text));
    log.appendChild(li);
    logBox.scrollTop = logBox.scrollHeight;
    return li;
  }

  function sendLine(text) {
    var id = clientId();
    var li = addLine('resident', t('you'), text);
    var mark = el('span', 'aspa-chat__mark', t('sending'));
    li.appendChild(mark);
    pending[id] = { body: text, li: li, mark: mark };
    transmit(id);
  }

  function transmit(id) {
    var p = pending[id];
    if (!p) return;
    if (ws && ws.readyState === 1) {
      ws.send(JSON.stringify({ type: 'send', clientId: id, body: p.body }));
    } else if (polling) {
      request('POST', '/chat/api/session/messages', { clientId: id, body: p.body }, true)
        .then(onAck)
        .catch(function (err) { if (err.code) onError({ code: err.code, clientId: id, retryAfter: err.retryAfter }); });
    }
  }

  function onAck(frame) {
    if (frame.reference) reference = frame.reference;
    var p = pending[frame.clientId];
    if (!p) return;
    delete pending[frame.clientId];
    if (slowDown && !Object.keys(pending).length) { slowDown = false; composerError.hidden = true; }
    p.mark.textContent = '';
    p.li.setAttribute('data-seq', frame.seq);
    lines[frame.clientId] = p.li;
  }

  // Over an allowance (too many lines, or too many questions to the bot): the line stays "sending", the resident is
  // told in words, and it is sent again when the server says there is room (retryAfter seconds).
  var slowDown = false;

  function onError(frame) {
    if (frame.code === 'rate-limited') {
      slowDown = true;
      if (composerError) showError(composerError, 'rate-limited');
      var wait = Math.max(2, Math.min(+frame.retryAfter || 2, 600)) * 1000;
      var ids = frame.clientId ? [frame.clientId] : Object.keys(pending);
      setTimeout(function () { ids.forEach(transmit); }, wait);
      return;
    }
    if (frame.clientId && pending[frame.clientId]) {
      var p = pending[frame.clientId];
      if (frame.code === 'internal') { setTimeout(function () { transmit(frame.clientId); }, 2000); return; }
      delete pending[frame.clientId];
      log.removeChild(p.li);
      composerInput.value = p.body;
    }
    if (frame.code === 'unknown-chat') { token = null; save(); reset(); start(false); return; }
    if (composerError) showError(composerError, frame.code || 'generic');
  }

  function onMessage(frame) {
    if (frame.seq <= lastSeq) return;
    lastSeq = frame.seq;
    if (frame.from === 'resident') {
      if (frame.clientId && (pending[frame.clientId] || lines[frame.clientId])) {
        if (pending[frame.clientId]) onAck({ clientId: frame.clientId, seq: frame.seq });
        return;
      }
      addLine('resident', t('you'), frame.body);
    } else if (frame.from === 'bot') {
      botLine(frame);
    } else if (frame.from === 'agent') {
      addLine('agent', agentName || t('agent'), frame.body);
      typingLine.hidden = true;
      markRead();
    } else {
      systemEvent(frame);
    }
  }

  var agentName = null;
  var withBot = false;

  // While the chat is with the bot the resident is not in the queue yet.
  function setBot(on) {
    withBot = !!on;
    if (withBot && statusLine) statusLine.textContent = t('bot-intro');
  }

  // The chatbot's line: its words (quoted from the source) and the source(s) as links to the public pages.
  function botLine(frame) {
    var li = addLine('bot', t('bot'), frame.body);
    if (frame.links && frame.links.length) {
      var list = el('ul', 'aspa-chat__sources');
      list.setAttribute('aria-label', t('sources'));
      frame.links.forEach(function (l) {
        var item = el('li');
        var a = el('a', null, l.title);
        a.href = /^https?:/.test(l.url) ? l.url : base + l.url;
        a.target = '_blank';
        a.rel = 'noopener';
        item.appendChild(a);
        list.appendChild(item);
      });
      li.appendChild(list);
    }
  }

  function residentText() {
    var texts = [];
    var items = log ? log.querySelectorAll('.aspa-chat__line--resident .aspa-chat__text') : [];
    for (var i = 0; i < items.length; i++) texts.push(items[i].textContent);
    return texts.join('\n');
  }

  function systemEvent(frame) {
    var e = frame.event;
    if (e === 'joined' || e === 'transferred-agent') {
      agentName = frame.body || null;
      state = 'active';
      statusLine.textContent = '';
      leaveBox.hidden = true;
    } else if (e === 'transferred-unit' || e === 'handover') {
      withBot = false;
      state = 'waiting';
      statusLine.textContent = t('waiting');
      agentName = null;
      if (lastQueue) onQueue(lastQueue);
    } else if (e === 'handover-offline') {
      // Nobody can take the chat now: the bot's hand-over becomes the contact form, with what was asked.
      var asked = residentText();
      status = status || {};
      status.availability = frame.body === 'closed' ? 'closed' : 'nobody';
      state = 'closed';
      ended = true;
      if (ws) try { ws.close(); } catch (x) { /* gone already */ }
      token = null;
      save();
      offlineView(asked);
      return;
    }
    var li = addLine('system', '', t(e, frame.body || t('agent')));
    li.setAttribute('data-event', e);
    if (e === 'closed' || e === 'resident-left' || e === 'left-message') { state = 'closed'; endedView(e); }
  }

  function onQueue(frame) {
    // Kept: a queue frame can overtake the hand-over event that makes it matter, and the server sends it only once.
    lastQueue = frame;
    if (withBot || (state !== 'waiting' && state !== 'new')) return;
    var parts = [];
    if (frame.position) parts.push(t('queue', frame.position));
    parts.push(frame.averageWaitMinutes ? t('wait', frame.averageWaitMinutes) : t('wait-unknown'));
    statusLine.textContent = parts.join(' ');
    leaveBox.hidden = !(state === 'waiting' && frame.availability !== 'open');
  }

  function markRead() {
    if (panel.hidden || document.hidden) return;
    if (lastSeq <= lastReadSent) return;
    lastReadSent = lastSeq;
    command({ type: 'read', seq: lastSeq }, '/chat/api/session/read', true, { seq: lastSeq });
  }

  function onTyping() {
    typingLine.hidden = false;
    clearTimeout(typingTimer);
    typingTimer = setTimeout(function () { typingLine.hidden = true; }, 5000);
  }

  function onRead(frame) {
    var own = log.querySelectorAll('.aspa-chat__line--resident');
    for (var i = 0; i < own.length; i++) {
      var seq = +own[i].getAttribute('data-seq');
      var mark = own[i].querySelector('.aspa-chat__mark');
      if (seq && seq <= frame.seq && mark) mark.textContent = t('read');
    }
  }

  function handle(frame) {
    switch (frame.type) {
      case 'welcome':
        wsOpened = true;
        reconnectDelay = 1000;
        state = frame.state;
        if (frame.bot !== undefined) setBot(frame.bot);
        if (frame.reference) reference = frame.reference;
        if (firstMessage) { var text = firstMessage; firstMessage = null; sendLine(text); }
        Object.keys(pending).forEach(transmit);
        break;
      case 'message': onMessage(frame); break;
      case 'ack': onAck(frame); if (state === 'new' && !withBot) state = 'waiting'; break;
      case 'queue': onQueue(frame); break;
      case 'typing': if (frame.by === 'agent') onTyping(); break;
      case 'read': if (frame.by === 'agent') onRead(frame); break;
      case 'error': onError(frame); break;
      default: break;
    }
  }

  function command(frame, path, quiet, data) {
    if (ws && ws.readyState === 1) { ws.send(JSON.stringify(frame)); return; }
    if (polling) request('POST', path, data || null, true).catch(function () { if (!quiet && composerError) showError(composerError, 'generic'); });
  }

  // ------------------------------------------------------------------ transport

  function connect() {
    if (ended || !token) return;
    if (polling || !('WebSocket' in window) || wsFailures >= 2) { startPolling(); return; }
    var socket;
    try { socket = new WebSocket(wsBase + '/chat/socket'); } catch (e) { wsFailures = 2; startPolling(); return; }
    ws = socket;
    var opened = false;
    socket.onopen = function () {
      opened = true;
      wsFailures = 0;
      socket.send(JSON.stringify({ type: 'hello', token: token, lastSeq: lastSeq }));
    };
    socket.onmessage = function (e) {
      var frame;
      try { frame = JSON.parse(e.data); } catch (err) { return; }
      handle(frame);
    };
    socket.onclose = function () {
      if (ws !== socket) return;
      ws = null;
      if (!opened) wsFailures++;
      if (ended || !token) return;
      if (statusLine && opened) statusLine.textContent = t('reconnecting');
      clearTimeout(reconnectTimer);
      reconnectTimer = setTimeout(connect, reconnectDelay);
      reconnectDelay = Math.min(reconnectDelay * 2, 15000);
    };
  }

  function startPolling() {
    if (polling) return;
    polling = true;
    handle({ type: 'welcome', state: state === 'none' ? 'new' : state });
    poll();
  }

  function poll() {
    if (ended || !token || !polling) return;
    request('GET', '/chat/api/session/events?after=' + lastSeq + '&wait=25', null, true)
      .then(function (r) {
        if (r.reference) reference = r.reference;
        if (state === 'new' || state === 'none') state = r.state;
        if (r.bot !== undefined) setBot(r.bot);
        (r.frames || []).forEach(handle);
        if (r.queue) handle(r.queue);
        setTimeout(poll, 0);
      })
      .catch(function (err) {
        if (err.status === 404) { onError({ code: 'unknown-chat' }); return; }
        setTimeout(poll, reconnectDelay);
        reconnectDelay = Math.min(reconnectDelay * 2, 15000);
      });
  }

  document.addEventListener('visibilitychange', function () { if (!document.hidden && log) markRead(); });

  // ------------------------------------------------------------------ start

  function start(focus) {
    request('GET', '/chat/api/status?organization=' + encodeURIComponent(organization) + '&lang=' + encodeURIComponent(lang))
      .then(function (s) {
        status = s;
        texts = s.texts || {};
        title.textContent = t('title');
        closeButton.textContent = t('close');
        if (!launcher) launcher = makeLauncher();
        if (!panel.parentNode) document.body.appendChild(panel);
        var saved = null;
        try { saved = window.sessionStorage.getItem(storeKey); } catch (e) { saved = null; }
        // data-resume: a conversation handed over elsewhere (the help pages' assistant) continues here, opened
        var resume = script.getAttribute('data-resume');
        if (resume) { saved = resume; focus = true; }
        if (saved && !token) {
          token = saved;
          save();
          state = 'waiting';
          chatView(false);
          open(false);
          connect();
        } else if (s.availability === 'open') {
          startView();
        } else {
          offlineView();
        }
        if (focus) open(true);
      })
      .catch(function () { /* the page keeps its contact link */ });
  }

  start(false);
}());
