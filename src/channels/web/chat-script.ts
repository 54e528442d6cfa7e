/**
 * The chat page's script: plain ES5-style JavaScript sent inline (no build step, no CDN), so the
 * page works on old phones too. Messages are rendered with textContent only: nothing the server
 * or a user sends is ever parsed as HTML. Each message carries a client-made id, and a retry
 * reuses it, so a message sent twice over a flaky connection is handled once.
 */
export const CHAT_SCRIPT = `(function () {
  'use strict';
  var boot = JSON.parse(document.getElementById('boot').textContent);
  var list = document.getElementById('messages');
  var form = document.getElementById('composer');
  var input = document.getElementById('text');
  var fileInput = document.getElementById('file');
  var storeKey = 'baocao-chat-' + boot.historyKey;
  var history = [];
  var pending = 0;
  try { history = JSON.parse(localStorage.getItem(storeKey) || '[]'); } catch (e) { history = []; }

  function save() {
    try { localStorage.setItem(storeKey, JSON.stringify(history.slice(-200))); } catch (e) { /* private mode */ }
  }
  function newId() {
    if (window.crypto && crypto.randomUUID) { try { return crypto.randomUUID(); } catch (e) { /* insecure context */ } }
    var bytes = new Uint8Array(16);
    crypto.getRandomValues(bytes);
    return Array.prototype.map.call(bytes, function (b) { return ('0' + b.toString(16)).slice(-2); }).join('');
  }
  function setBusy(delta) {
    pending += delta;
    document.body.setAttribute('data-busy', pending > 0 ? '1' : '0');
  }
  function addMessage(m, persist) {
    var item = document.createElement('div');
    item.className = 'msg ' + (m.from === 'user' ? 'user' : 'bot') + (m.error ? ' error' : '');
    var bubble = document.createElement('div');
    bubble.className = 'bubble';
    if (m.text) {
      var text = document.createElement('div');
      text.className = 'text';
      text.textContent = m.text;
      bubble.appendChild(text);
    }
    if (m.document) {
      var link = document.createElement('a');
      link.className = 'doc';
      link.href = '/web/api/tep/' + encodeURIComponent(m.document.id);
      link.setAttribute('download', m.document.fileName);
      link.textContent = 'Tải tệp: ' + m.document.fileName;
      bubble.appendChild(link);
    }
    item.appendChild(bubble);
    if (m.buttons && m.buttons.length) {
      var keyboard = document.createElement('div');
      keyboard.className = 'keyboard';
      m.buttons.forEach(function (row) {
        var line = document.createElement('div');
        line.className = 'row';
        row.forEach(function (button) {
          var b = document.createElement('button');
          b.type = 'button';
          b.className = 'reply-btn';
          b.textContent = button.label;
          b.setAttribute('data-data', button.data);
          b.addEventListener('click', function () { send({ button: button.data }, button.label); });
          line.appendChild(b);
        });
        keyboard.appendChild(line);
      });
      item.appendChild(keyboard);
    }
    list.appendChild(item);
    list.scrollTop = list.scrollHeight;
    if (persist !== false) { history.push(m); save(); }
  }

  var queue = Promise.resolve();
  function send(payload, shown) {
    if (shown) addMessage({ from: 'user', text: shown });
    payload.id = newId();
    setBusy(1);
    queue = queue.then(function () { return post(payload, 0); }).then(function () { setBusy(-1); });
    return queue;
  }
  function post(payload, attempt) {
    return fetch('/web/api/message', {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json', 'x-csrf-token': boot.csrf },
      body: JSON.stringify(payload)
    }).then(function (response) {
      if (response.status === 401) { location.href = '/web'; return null; }
      if (response.status === 413) { addMessage({ from: 'bot', text: boot.texts.tooLarge, error: true }); return null; }
      if (!response.ok) throw new Error('HTTP ' + response.status);
      return response.json();
    }).then(function (data) {
      if (data) data.replies.forEach(function (m) { m.from = 'bot'; addMessage(m); });
    }).catch(function () {
      if (attempt < 2) {
        return new Promise(function (resolve) { setTimeout(resolve, 1000 * (attempt + 1)); })
          .then(function () { return post(payload, attempt + 1); });
      }
      addMessage({ from: 'bot', text: boot.texts.networkError, error: true }, false);
    });
  }

  form.addEventListener('submit', function (event) {
    event.preventDefault();
    var text = input.value.trim();
    if (!text) return;
    input.value = '';
    send({ text: text }, text);
    input.focus();
  });
  input.addEventListener('keydown', function (event) {
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      form.requestSubmit ? form.requestSubmit() : form.dispatchEvent(new Event('submit'));
    }
  });
  Array.prototype.forEach.call(document.querySelectorAll('[data-command]'), function (b) {
    b.addEventListener('click', function () {
      send({ command: b.getAttribute('data-command') }, b.textContent);
    });
  });
  fileInput.addEventListener('change', function () {
    Array.prototype.forEach.call(fileInput.files, function (file) {
      if (file.size > boot.maxBytes) { addMessage({ from: 'bot', text: boot.texts.tooLarge, error: true }); return; }
      var reader = new FileReader();
      setBusy(1);
      reader.onload = function () {
        var data = String(reader.result);
        send({ file: { name: file.name, mimeType: file.type || 'application/octet-stream', dataBase64: data.slice(data.indexOf(',') + 1) } },
          'Đã gửi tệp: ' + file.name);
        setBusy(-1);
      };
      reader.onerror = function () { setBusy(-1); addMessage({ from: 'bot', text: boot.texts.fileError, error: true }, false); };
      reader.readAsDataURL(file);
    });
    fileInput.value = '';
  });
  var leave = document.getElementById('leave');
  if (leave) leave.addEventListener('submit', function () { try { localStorage.removeItem(storeKey); } catch (e) { /* ignore */ } });

  function poll() {
    if (document.hidden) return;
    fetch('/web/api/outbox', { credentials: 'same-origin' }).then(function (response) {
      return response.ok ? response.json() : { messages: [] };
    }).then(function (data) {
      data.messages.forEach(function (m) { m.from = 'bot'; addMessage(m); });
    }).catch(function () { /* the next poll retries */ });
  }
  setInterval(poll, boot.pollMs);

  history.forEach(function (m) { addMessage(m, false); });
  if (history.length === 0) addMessage({ from: 'bot', text: boot.greeting });
  document.body.setAttribute('data-busy', '0');
  poll();
})();`;
