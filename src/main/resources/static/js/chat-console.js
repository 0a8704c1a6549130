/*
 * The chat console's live side: one WebSocket to /workspace/chat/socket. New lines of the open chat are appended to
 * its log (role=log, aria-live=polite), other chats of the agent get an "unread" badge, the lists are refreshed by
 * htmx when the queue changes, replies go over the socket (with a client id; cleared on ack). Without this script
 * every action still works as a plain form post.
 *
 * Unread chats are this script's state, not the server's: the server does not know what the agent has read (the read
 * mark goes to the resident and is not stored), and the panel is redrawn by htmx every 30 s, on every queue event and
 * on every page load. So the script keeps, per chat of the agent, the last line it has accounted for and whether a
 * resident's line came after the agent last looked, in sessionStorage (this tab, across the console's pages), and
 * puts it back on every redraw: the badges, the count in the page title ("(2) "), and the subscription, which starts
 * from the last line accounted for, so lines that came while the agent was on another page are caught up and marked.
 * New lines in other chats and changes in the queue's length are announced in one visually hidden role=status
 * element outside the redrawn panel.
 */
(function () {
  'use strict';
  var root = document.querySelector('[data-chat-console]');
  if (!root || !('WebSocket' in window)) return;
  var me = root.getAttribute('data-me');
  var url = new URL(root.getAttribute('data-socket'), window.location.href);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  var log = document.getElementById('chat-log');
  var lines = document.getElementById('chat-lines');
  var selected = log ? log.getAttribute('data-session') : null;
  var lastSeq = log ? +log.getAttribute('data-last-seq') : 0;
  var banner = document.getElementById('chat-connection');
  var typing = document.getElementById('chat-typing');
  var readMark = document.getElementById('chat-read');
  var form = document.getElementById('chat-reply');
  var textarea = document.getElementById('reply-body');
  var sendError = document.getElementById('chat-send-error');
  var ws = null;
  var retry = 1000;
  var typingTimer = null;
  var lastTyping = 0;
  var lastRead = 0;
  var pending = {};
  var announcer = document.getElementById('chat-announcer');
  var baseTitle = document.title;
  var queueSize = null;
  var storeKey = 'aspa.chat-console.' + me;
  var state = loadState();
  var labels = {
    you: root.getAttribute('data-you') || '',
    agent: root.getAttribute('data-agent') || '',
    system: root.getAttribute('data-system') || '',
    bot: root.getAttribute('data-bot') || '',
    resident: log ? (document.getElementById('chat-log-title') || {}).textContent || '' : ''
  };

  // times as the server writes them (DateTimes): Helsinki time in the page's pattern, "H.mm" or "HH:mm"
  var timePattern = root.getAttribute('data-time-pattern') || 'H.mm';
  var helsinki = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Helsinki', hour: 'numeric', minute: 'numeric', hourCycle: 'h23' });

  function clock(iso) {
    var hour = '', minute = '';
    helsinki.formatToParts(new Date(iso)).forEach(function (part) {
      if (part.type === 'hour') hour = String(+part.value);
      if (part.type === 'minute') minute = ('0' + part.value).slice(-2);
    });
    return timePattern.replace(/HH|H|mm|'/g, function (token) {
      return token === 'HH' ? ('0' + hour).slice(-2) : token === 'H' ? hour : token === 'mm' ? minute : '';
    });
  }

  function send(frame) {
    if (ws && ws.readyState === 1) { ws.send(JSON.stringify(frame)); return true; }
    return false;
  }

  // ------------------------------------------------------------ unread state (see above)

  function loadState() {
    try {
      var s = JSON.parse(window.sessionStorage.getItem(storeKey));
      if (s && typeof s.known === 'object' && typeof s.unread === 'object') return s;
    } catch (e) { /* no storage: this page's memory only */ }
    return { known: {}, unread: {} };
  }

  function saveState() {
    try { window.sessionStorage.setItem(storeKey, JSON.stringify(state)); } catch (e) { /* memory only */ }
  }

  function myChats() {
    return document.querySelectorAll('#chat-panel .chat-list [data-session]');
  }

  function panelItem(id) {
    return document.querySelector('#chat-panel .chat-list [data-session="' + id + '"]');
  }

  /** Takes the agent's chats from the (re)drawn panel: new ones start as read, ended or transferred ones are forgotten. */
  function syncPanel() {
    var present = {};
    var items = myChats();
    for (var i = 0; i < items.length; i++) {
      var id = items[i].getAttribute('data-session');
      var rendered = +items[i].getAttribute('data-last-seq');
      present[id] = true;
      // Never lowered: a line can reach the socket before a panel drawn just before it was committed.
      if (!(id in state.known)) state.known[id] = rendered;
    }
    if (selected) {
      if (!document.hidden) delete state.unread[selected];
      if (present[selected]) state.known[selected] = Math.max(state.known[selected], lastSeq);
    }
    Object.keys(state.known).forEach(function (id) {
      if (present[id]) return;
      delete state.known[id];
      delete state.unread[id];
      if (id !== selected) send({ type: 'unsubscribe', session: id });
    });
    Object.keys(state.unread).forEach(function (id) { if (!present[id]) delete state.unread[id]; });
    saveState();
    showUnread();
  }

  /** The badges and the count in the title, from the state: after every line, redraw and read. */
  function showUnread() {
    var items = myChats();
    var count = 0;
    for (var i = 0; i < items.length; i++) {
      var on = !!state.unread[items[i].getAttribute('data-session')];
      var badge = items[i].querySelector('.chat-unread');
      if (badge) badge.hidden = !on;
      if (on) count++;
    }
    document.title = (count > 0 ? '(' + count + ') ' : '') + baseTitle;
  }

  // A few announcements close together are read as one; the region is emptied first so that the same text
  // (a second line from the same resident) is announced again.
  var announcements = [];
  var announceTimer = null;
  function announce(text) {
    if (!announcer || !text) return;
    if (announcements.indexOf(text) < 0) announcements.push(text);
    if (announceTimer) return;
    announcer.textContent = '';
    announceTimer = setTimeout(function () {
      announcer.textContent = announcements.join('. ');
      announcements = [];
      announceTimer = null;
    }, 250);
  }

  function format(template, value) {
    return template.replace('{0}', function () { return value; });
  }

  function announceQueue() {
    var panel = document.getElementById('chat-panel');
    if (!panel) return;
    var size = panel.getAttribute('data-queue-size');
    if (queueSize !== null && size !== queueSize) announce(panel.getAttribute('data-queue-text'));
    queueSize = size;
  }

  function subscribeAll() {
    if (selected) send({ type: 'subscribe', session: selected, lastSeq: lastSeq });
    var mine = myChats();
    for (var i = 0; i < mine.length; i++) {
      var id = mine[i].getAttribute('data-session');
      var from = Math.min(+mine[i].getAttribute('data-last-seq'), id in state.known ? state.known[id] : Infinity);
      if (id !== selected) send({ type: 'subscribe', session: id, lastSeq: from });
    }
  }

  function line(frame) {
    var li = document.createElement('li');
    li.className = 'chat-line chat-line--' + frame.from;
    li.setAttribute('data-seq', frame.seq);
    var who = document.createElement('span');
    who.className = 'chat-line__who';
    who.textContent = frame.from === 'resident' ? labels.resident : frame.from === 'system' ? labels.system
      : frame.from === 'bot' ? labels.bot
      : (frame.author === me ? labels.you : labels.agent);
    var at = document.createElement('time');
    at.className = 'chat-line__at';
    at.dateTime = frame.at;
    at.textContent = clock(frame.at);
    var text = document.createElement('span');
    text.className = 'chat-line__body';
    text.textContent = frame.body;
    li.appendChild(who);
    li.appendChild(document.createTextNode(' '));
    li.appendChild(at);
    li.appendChild(document.createTextNode(' '));
    li.appendChild(text);
    lines.appendChild(li);
    log.scrollTop = log.scrollHeight;
  }

  function markRead() {
    if (!selected || document.hidden || lastSeq <= lastRead || log.getAttribute('data-mine') !== 'true') return;
    lastRead = lastSeq;
    send({ type: 'read', session: selected, seq: lastSeq });
  }

  /** A line in another of the agent's chats: a resident's line makes the chat unread and is announced. */
  function onOtherMessage(frame) {
    var item = panelItem(frame.session);
    if (!item) return;
    var known = state.known[frame.session];
    if (known !== undefined && frame.seq <= known) return;
    state.known[frame.session] = frame.seq;
    if (frame.from === 'resident') {
      state.unread[frame.session] = true;
      var name = item.querySelector('.chat-list__name');
      announce(format(root.getAttribute('data-announce-message') || '{0}', name ? name.textContent : ''));
    }
    saveState();
    showUnread();
  }

  function onMessage(frame) {
    if (frame.session !== selected) { onOtherMessage(frame); return; }
    if (frame.seq <= lastSeq) return;
    lastSeq = frame.seq;
    if (frame.session in state.known) {
      state.known[frame.session] = Math.max(state.known[frame.session], lastSeq);
      // The open chat is unread only while the agent is on another tab or window; read again on return.
      if (frame.from === 'resident' && document.hidden) state.unread[frame.session] = true;
      saveState();
      showUnread();
    }
    if (frame.from === 'system') {
      var template = root.getAttribute('data-event-' + frame.event) || frame.event;
      line({ from: 'system', seq: frame.seq, at: frame.at, body: format(template, frame.body || '') });
      if (frame.event !== 'joined' && form) form.hidden = true;
      return;
    }
    line(frame);
    if (frame.from === 'resident') { typing.hidden = true; markRead(); }
    if (frame.from === 'agent') readMark.hidden = true;
    if (frame.clientId) delete pending[frame.clientId];
  }

  function handle(frame) {
    switch (frame.type) {
      case 'message': onMessage(frame); break;
      case 'typing':
        if (frame.session === selected && frame.by === 'resident') {
          typing.hidden = false;
          clearTimeout(typingTimer);
          typingTimer = setTimeout(function () { typing.hidden = true; }, 5000);
        }
        break;
      case 'read': if (frame.session === selected && frame.by === 'resident') readMark.hidden = false; break;
      case 'queue': refreshLists(); break;
      case 'ack': delete pending[frame.clientId]; break;
      case 'error':
        if (sendError) {
          sendError.textContent = root.getAttribute('data-error') || frame.message || frame.code;
          sendError.hidden = false;
        }
        if (frame.clientId && pending[frame.clientId] && textarea) { textarea.value = pending[frame.clientId]; delete pending[frame.clientId]; }
        break;
      default: break;
    }
  }

  function connect() {
    var socket = new WebSocket(url.toString());
    ws = socket;
    socket.onopen = function () {
      retry = 1000;
      banner.hidden = true;
      subscribeAll();
      markRead();
    };
    socket.onmessage = function (e) {
      try { handle(JSON.parse(e.data)); } catch (err) { /* ignore a frame that is not JSON */ }
    };
    socket.onclose = function () {
      if (ws !== socket) return;
      ws = null;
      banner.hidden = false;
      setTimeout(connect, retry);
      retry = Math.min(retry * 2, 15000);
    };
  }

  function clientId() {
    var bytes = new Uint8Array(16);
    window.crypto.getRandomValues(bytes);
    return Array.prototype.map.call(bytes, function (b) { return ('0' + b.toString(16)).slice(-2); }).join('');
  }

  if (form && textarea && selected) {
    form.addEventListener('submit', function (e) {
      var body = textarea.value.trim();
      if (!body || !ws || ws.readyState !== 1) return;
      e.preventDefault();
      var id = clientId();
      pending[id] = body;
      if (sendError) sendError.hidden = true;
      send({ type: 'send', session: selected, clientId: id, body: body });
      textarea.value = '';
      textarea.focus();
    });
    textarea.addEventListener('keydown', function (e) {
      if (e.key === 'Enter' && !e.shiftKey && !e.altKey) {
        e.preventDefault();
        if (form.requestSubmit) form.requestSubmit(); else form.submit();
      }
    });
    textarea.addEventListener('input', function () {
      var now = Date.now();
      if (now - lastTyping > 3000) { lastTyping = now; send({ type: 'typing', session: selected }); }
    });
  }

  // The lists are refreshed in place, but never under the keyboard: while focus is inside them the refresh waits
  // until focus leaves, so a Take button being reached with Tab does not vanish.
  var refreshPending = false;
  function refreshLists() {
    var panel = document.getElementById('chat-panel');
    if (!panel || !window.htmx) return;
    if (panel.contains(document.activeElement)) { refreshPending = true; return; }
    refreshPending = false;
    window.htmx.trigger(document.body, 'chat-queue');
  }
  document.addEventListener('focusout', function (e) {
    var panel = document.getElementById('chat-panel');
    if (!refreshPending || !panel || !panel.contains(e.target)) return;
    setTimeout(function () { if (!panel.contains(document.activeElement)) refreshLists(); }, 0);
  });
  setInterval(refreshLists, 30000);

  document.body.addEventListener('htmx:afterSwap', function (e) {
    if (!e.target || e.target.id !== 'chat-panel') return;
    syncPanel();
    subscribeAll();
    announceQueue();
  });
  document.addEventListener('visibilitychange', function () {
    markRead();
    if (!document.hidden && selected && state.unread[selected]) {
      delete state.unread[selected];
      saveState();
      showUnread();
    }
  });
  syncPanel();
  announceQueue();
  connect();
}());
