// smime-gateway console: calls the gateway's WebAdmin JSON routes (webadmin/README.md). No framework, no inline
// script; every text from the server is put into the page with textContent, never as HTML.
(function () {
  'use strict';

  var TOKEN_KEY = 'smime-gateway.webadmin.token';
  var $ = function (selector) { return document.querySelector(selector); };

  // ---------- HTTP ----------
  function ApiError(status, message, data) {
    this.status = status;
    this.message = message;
    this.data = data;
  }

  /** A call with a binary body (certificate, CRL, PKCS#12) and extra headers. */
  function apiBytes(method, path, bytes, contentType, extraHeaders) {
    return api(method, path, bytes, contentType, extraHeaders);
  }

  function api(method, path, body, contentType, extraHeaders) {
    var headers = Object.assign({ 'Accept': 'application/json' }, extraHeaders || {});
    var token = sessionStorage.getItem(TOKEN_KEY);
    if (token) {
      headers['Authorization'] = 'Bearer ' + token;
    }
    var init = { method: method, headers: headers, credentials: 'same-origin' };
    if (body !== undefined) {
      headers['Content-Type'] = contentType || 'application/json';
      init.body = (contentType ? body : JSON.stringify(body));
    }
    return fetch(path, init).then(function (response) {
      return response.text().then(function (text) {
        var data = null;
        if (text) {
          try { data = JSON.parse(text); } catch (e) { data = null; }
        }
        if (!response.ok) {
          var message = data && data.message ? data.message : (text || response.statusText);
          if (response.status === 401) {
            askForToken();
            message = 'WebAdmin refused the call (401): sign in with a valid admin token above. ' + (data && data.message ? data.message : '');
          }
          throw new ApiError(response.status, method + ' ' + path + ': ' + response.status + ' ' + message, data);
        }
        return { status: response.status, data: data };
      });
    });
  }

  // ---------- messages ----------
  function clearMessages() {
    $('#error').textContent = '';
    $('#status').textContent = '';
  }
  function showStatus(text) { $('#status').textContent = text; }
  function showError(error) {
    $('#error').textContent = (error && error.message) ? error.message : String(error);
  }
  /** Runs an action: clears old messages, shows the error of a failed call in the alert region. */
  function act(promiseFactory) {
    clearMessages();
    return Promise.resolve().then(promiseFactory).catch(showError);
  }

  // ---------- DOM ----------
  function el(tag, attributes) {
    var node = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (key) {
      if (key === 'text') { node.textContent = attributes[key]; }
      else if (key === 'onclick') { node.addEventListener('click', attributes[key]); }
      else { node.setAttribute(key, attributes[key]); }
    });
    for (var i = 2; i < arguments.length; i++) {
      var child = arguments[i];
      if (child === null || child === undefined) { continue; }
      node.appendChild(typeof child === 'string' ? document.createTextNode(child) : child);
    }
    return node;
  }
  function clear(node) { while (node.firstChild) { node.removeChild(node.firstChild); } return node; }
  function cell(text) { return el('td', { text: text === null || text === undefined ? '' : String(text) }); }
  function definitions(dl, pairs) {
    clear(dl);
    pairs.forEach(function (pair) {
      if (pair[1] === undefined) { return; }
      dl.appendChild(el('dt', { text: pair[0] }));
      var value = pair[1];
      dl.appendChild(el('dd', { text: value === null ? '—' : (typeof value === 'object' ? JSON.stringify(value) : String(value)) }));
    });
    return dl;
  }
  function formValues(form) {
    var values = {};
    Array.prototype.forEach.call(form.elements, function (input) {
      if (!input.name) { return; }
      if (input.type === 'checkbox') { if (input.checked) { values[input.name] = true; } return; }
      var value = input.value.trim();
      if (value === '') { return; }
      values[input.name] = input.type === 'number' ? Number(value) : value;
    });
    return values;
  }
  function day(iso) { return iso ? iso.replace('T', ' ').replace(/\.\d+Z$|Z$/, ' UTC') : ''; }
  function button(label, handler, extra) {
    var attributes = { type: 'button', text: label, onclick: handler };
    if (extra) { attributes['aria-label'] = extra; }
    return el('button', attributes);
  }
  function focusHeading(section) {
    var heading = section.querySelector('h2, h3');
    if (heading) { heading.focus(); }
  }

  // ---------- token ----------
  // The token lives in this tab's sessionStorage only: never in a URL, a cookie, persistent storage or the console log.
  function tokenState() {
    $('#token-form').classList.remove('sign-in');
    $('#token-state').textContent = sessionStorage.getItem(TOKEN_KEY) ? 'token in use (this tab only)' : 'no token';
  }
  /** A route answered 401: James's WebAdmin wants a JWT. Show the sign-in field and put the cursor in it. */
  function askForToken() {
    var form = $('#token-form');
    if (form.classList.contains('sign-in')) { return; }
    form.classList.add('sign-in');
    $('#token-state').textContent = sessionStorage.getItem(TOKEN_KEY)
      ? 'sign-in needed: WebAdmin refused this token; paste a valid admin JWT'
      : 'sign-in needed: paste a WebAdmin admin JWT';
    $('#token').focus();
  }
  $('#token-form').addEventListener('submit', function (event) {
    event.preventDefault();
    var token = $('#token').value.trim().replace(/^Bearer\s+/i, '');
    if (token) { sessionStorage.setItem(TOKEN_KEY, token); } else { sessionStorage.removeItem(TOKEN_KEY); }
    $('#token').value = '';
    tokenState();
    route();
  });
  $('#token-clear').addEventListener('click', function () {
    sessionStorage.removeItem(TOKEN_KEY);
    tokenState();
  });

  // ---------- Certificates ----------
  var lastCertificateAddress = null;

  function searchCertificates(address) {
    lastCertificateAddress = address;
    // Never leave the answer for another address on screen while this one is asked.
    $('#cert-table').hidden = true;
    $('#cert-detail').hidden = true;
    $('#cert-summary').textContent = 'Searching ' + address + '…';
    return api('GET', '/smime-gateway/certificates?address=' + encodeURIComponent(address)).then(function (answer) {
      var report = answer.data;
      var verdicts = {};
      var rows = [];
      function add(certificate, verdict) {
        if (!(certificate.sha256 in verdicts)) { rows.push(certificate); }
        verdicts[certificate.sha256] = verdicts[certificate.sha256] || verdict;
      }
      (report.usable || []).forEach(function (c) { add(c, 'usable'); });
      (report.rejected || []).forEach(function (r) { add(r.certificate, 'refused: ' + r.reason); });
      (report.stored || []).forEach(function (c) { add(c, null); });
      var summary = 'Lookup: ' + report.lookup + (report.reason ? ' (' + report.reason + ')' : '') + '. '
        + (report.usable || []).length + ' usable, ' + (report.rejected || []).length + ' refused. Signing: '
        + (report.signing ? report.signing.subject : (report.signingReason || 'none')) + '.';
      $('#cert-summary').textContent = summary;
      var body = clear($('#cert-table tbody'));
      rows.forEach(function (c) {
        var verdict = verdicts[c.sha256] || 'stored, not used';
        var row = el('tr', { 'data-sha256': c.sha256, 'data-serial': c.serial },
          cell(c.subject), cell(c.issuer), cell(c.serial), cell(day(c.notBefore)), cell(day(c.notAfter)),
          cell(c.source + (c.file ? ' (' + c.file + ')' : '')),
          el('td', { 'class': 'verdict' + (verdict === 'usable' ? ' ok' : ' bad'), text: verdict }),
          el('td', {},
            button('Details', function () { act(function () { return certificateDetail(c.sha256, report.address); }); },
              'Details of ' + c.subject + ' serial ' + c.serial),
            c.source === 'ldap' ? null : button('Delete', function () { act(function () { return deleteCertificate(c); }); },
              'Delete ' + c.subject + ' serial ' + c.serial)));
        body.appendChild(row);
      });
      $('#cert-table').hidden = rows.length === 0;
      $('#cert-detail').hidden = true;
      showStatus(rows.length + ' certificate(s) for ' + report.address + '.');
    });
  }

  function certificateDetail(sha256, address) {
    // The address lets the route find a certificate that only another source (LDAP) holds.
    return api('GET', '/smime-gateway/certificates/' + sha256 + '?address=' + encodeURIComponent(address))
      .then(function (answer) {
      var d = answer.data;
      var c = d.certificate;
      definitions($('#cert-detail dl'), [
        ['Subject', c.subject], ['Issuer', c.issuer], ['Serial', c.serial],
        ['Valid from', day(c.notBefore)], ['Valid until', day(c.notAfter)],
        ['Addresses', (c.addresses || []).join(', ')], ['Key usage', (c.keyUsage || []).join(', ')],
        ['SHA-256', c.sha256], ['Source', c.source], ['Files', (d.files || []).join(', ')],
        ['Key kept by the gateway', d.keyKept ? 'yes' : 'no'],
        ['Trust verdict', d.trust.verdict + (d.trust.reason ? ': ' + d.trust.reason : '')],
        ['Chain', (d.chain || []).map(function (ca) { return ca.subject; }).join(' → ') || 'none']]);
      $('#cert-detail').hidden = false;
      $('#cert-detail dl').setAttribute('data-verdict', d.trust.verdict);
      focusHeading($('#cert-detail'));
    });
  }

  function deleteCertificate(c) {
    if (!window.confirm('Delete the certificate ' + c.subject + ' (serial ' + c.serial + ') from the gateway store?')) {
      return null;
    }
    return api('DELETE', '/smime-gateway/certificates/' + c.sha256).then(function (answer) {
      var deleted = (answer.data && answer.data.deleted) || [];
      var refresh = lastCertificateAddress ? searchCertificates(lastCertificateAddress) : Promise.resolve();
      return refresh.then(function () { showStatus('Deleted: ' + deleted.join(', ')); });
    }).catch(function (error) {
      if (error.status === 409 && window.confirm(error.message + '\n\nDelete the private key too?')) {
        return api('DELETE', '/smime-gateway/certificates/' + c.sha256 + '?deleteKey=true').then(function (answer) {
          var refresh = lastCertificateAddress ? searchCertificates(lastCertificateAddress) : Promise.resolve();
          return refresh.then(function () { showStatus('Deleted with its key: ' + answer.data.deleted.join(', ')); });
        });
      }
      throw error;
    });
  }

  $('#cert-search').addEventListener('submit', function (event) {
    event.preventDefault();
    act(function () { return searchCertificates($('#cert-address').value.trim()); });
  });

  function readFile(input) {
    var file = input.files[0];
    if (!file) { return Promise.reject(new ApiError(0, 'Choose a file first.')); }
    return file.arrayBuffer();
  }

  $('#cert-import').addEventListener('submit', function (event) {
    event.preventDefault();
    var box = clear($('#import-result'));
    var file = $('#import-file').files[0];
    var password = $('#import-password').value;
    var address = $('#import-address').value.trim();
    act(function () {
      return readFile($('#import-file')).then(function (bytes) {
        var pkcs12 = /\.(p12|pfx)$/i.test(file.name) || password !== '';
        var path = '/smime-gateway/certificates' + (address ? '?address=' + encodeURIComponent(address) : '');
        return apiBytes('POST', path, bytes, pkcs12 ? 'application/x-pkcs12' : 'application/octet-stream',
          pkcs12 ? { 'X-Pkcs12-Password': password } : {});
      }).then(function (answer) {
        $('#import-password').value = '';
        var list = el('ul');
        (answer.data || []).forEach(function (c) { list.appendChild(el('li', { text: c.subject + ' serial ' + c.serial + ' (' + c.file + ')' })); });
        box.appendChild(el('h3', { text: 'Imported' }));
        box.appendChild(list);
        showStatus('Imported ' + (answer.data || []).length + ' certificate(s).');
      });
    });
  });

  // ---------- Roots and intermediates ----------
  function loadCaCertificates(kind) {
    return api('GET', '/smime-gateway/' + kind).then(function (answer) {
      var body = clear($('#' + kind + '-table tbody'));
      (answer.data || []).forEach(function (c) {
        body.appendChild(el('tr', { 'data-sha256': c.sha256 }, cell(c.subject), cell(c.serial), cell(day(c.notAfter)),
          el('td', { 'class': 'fingerprint', text: c.sha256 }),
          el('td', {}, button('Delete', function () {
            act(function () {
              if (!window.confirm('Delete ' + c.subject + ' from ' + kind + '? Certificates it issued will no longer be trusted.')) { return null; }
              return api('DELETE', '/smime-gateway/' + kind + '/' + c.sha256).then(function () {
                return loadRoots().then(function () { showStatus('Deleted ' + c.subject + ' from ' + kind + '.'); });
              });
            });
          }, 'Delete ' + c.subject))));
      });
      if (!(answer.data || []).length) { body.appendChild(el('tr', {}, el('td', { colspan: '5', text: 'none' }))); }
    });
  }
  function loadRoots() {
    return loadCaCertificates('anchors').then(function () { return loadCaCertificates('intermediates'); });
  }
  $('#ca-cert-import').addEventListener('submit', function (event) {
    event.preventDefault();
    var kind = $('#ca-cert-kind').value;
    act(function () {
      return readFile($('#ca-cert-file')).then(function (bytes) {
        return apiBytes('POST', '/smime-gateway/' + kind, bytes, 'application/octet-stream', {});
      }).then(function (answer) {
        return loadRoots().then(function () { showStatus('Imported ' + (answer.data || []).length + ' certificate(s) into ' + kind + '.'); });
      });
    });
  });

  // ---------- CRLs ----------
  function loadCrls() {
    return api('GET', '/smime-gateway/crls').then(function (answer) {
      var body = clear($('#crls-table tbody'));
      (answer.data || []).forEach(function (crl) {
        body.appendChild(el('tr', { 'data-issuer': crl.issuer }, cell(crl.issuer), cell(day(crl.thisUpdate)), cell(day(crl.nextUpdate)),
          cell(crl.entries), el('td', { 'class': crl.fresh ? 'ok' : 'bad', text: crl.fresh ? 'yes' : 'NO: past next update' }),
          el('td', { 'class': crl.issuerKnown ? 'ok' : 'bad', text: crl.issuerKnown ? 'yes' : 'no' }), cell(crl.file)));
      });
      if (!(answer.data || []).length) { body.appendChild(el('tr', {}, el('td', { colspan: '7', text: 'none' }))); }
    });
  }
  $('#crl-import').addEventListener('submit', function (event) {
    event.preventDefault();
    act(function () {
      return readFile($('#crl-file')).then(function (bytes) {
        return apiBytes('POST', '/smime-gateway/crls', bytes, 'application/pkix-crl', {});
      }).then(function (answer) {
        return loadCrls().then(function () { showStatus('CRL of ' + answer.data.issuer + ' imported.'); });
      });
    });
  });

  // ---------- CA ----------
  function loadCa() {
    return api('GET', '/smime-gateway/ca').then(function (answer) {
      var s = answer.data;
      var box = clear($('#ca-status'));
      if (!s.exists) {
        box.appendChild(el('p', { id: 'ca-exists', 'data-exists': 'false', text: 'There is no CA yet. Create it below.' }));
      } else {
        box.appendChild(el('p', { id: 'ca-exists', 'data-exists': 'true', text: 'The CA exists.' }));
      }
      box.appendChild(definitions(el('dl'), [
        ['Root', s.root ? s.root.subject + ' (until ' + day(s.root.notAfter) + ')' : null],
        ['Issuing CA', s.intermediate ? s.intermediate.subject + ' (until ' + day(s.intermediate.notAfter) + ')' : null],
        ['CRL number', s.crlNumber], ['CRL next update', day(s.crlNextUpdate) || null],
        ['Revoked certificates', s.revoked], ['Directory', s.directory],
        ['Password file', s.passwordFile + (s.passwordFileReadable ? ' (readable)' : ' (NOT readable: CA keys cannot be used)')]]));
      $('#ca-create').hidden = s.exists;
    });
  }

  $('#ca-refresh').addEventListener('click', function () { act(loadCa); });
  $('#ca-create').addEventListener('submit', function (event) {
    event.preventDefault();
    act(function () {
      return api('POST', '/smime-gateway/ca', formValues(event.target)).then(function () {
        return loadCa().then(function () { showStatus('CA created.'); });
      });
    });
  });

  function issueOutcome(report) {
    var box = clear($('#issue-result'));
    box.appendChild(el('h3', { text: (report.succeeded ? 'Issued: ' : 'Not issued: ') + report.address }));
    var pairs = [['Serial', report.serial], ['Kind', report.kind], ['Filed in the gateway store', report.filed ? 'yes' : 'no'],
      ['Key kept by the gateway', report.keyKept ? 'yes' : 'no']];
    if (report.mail) {
      pairs.push(['PKCS#12 mail', report.mail.accepted ? 'accepted by James for delivery ' + (report.mail.messageId || '')
        : 'NOT sent: ' + (report.mail.error || report.mail.reason || JSON.stringify(report.mail))]);
    }
    if (report.password) {
      pairs.push(['Password', report.password.delivered ? 'delivered over ' + report.password.channel
        : 'NOT delivered: ' + (report.password.error || report.password.reason || JSON.stringify(report.password))]);
    }
    box.appendChild(definitions(el('dl', { id: 'issue-outcome', 'data-succeeded': String(report.succeeded), 'data-serial': report.serial || '' }), pairs));
  }

  $('#ca-issue').addEventListener('submit', function (event) {
    event.preventDefault();
    clear($('#issue-result'));
    act(function () {
      return api('POST', '/smime-gateway/ca/issue', formValues(event.target)).then(function (answer) {
        issueOutcome(answer.data);
        showStatus('Certificate issued for ' + answer.data.address + ', serial ' + answer.data.serial + '.');
        return loadCa();
      }).catch(function (error) {
        if (error.status === 502 && error.data && error.data.address) {
          // The same report: the mail or the password did not go out, nothing usable was kept.
          issueOutcome(error.data);
          throw new ApiError(502, 'The certificate for ' + error.data.address + ' was not issued: the PKCS#12 mail or '
            + 'the password did not go out (details below). Nothing was kept; issuing again is safe.');
        }
        throw error;
      });
    });
  });

  function crlOutcome(target, crl) {
    target.appendChild(definitions(el('dl', { 'class': 'crl' }), [['CRL issuer', crl.issuer], ['CRL number', crl.crlNumber],
      ['Revoked entries', crl.revoked], ['This update', day(crl.thisUpdate)], ['Next update', day(crl.nextUpdate)]]));
  }

  $('#ca-revoke').addEventListener('submit', function (event) {
    event.preventDefault();
    var values = formValues(event.target);
    var box = clear($('#revoke-result'));
    act(function () {
      var target = values.serial ? 'serial ' + values.serial : 'every certificate of ' + values.address;
      if (!window.confirm('Revoke ' + target + ' (' + values.reason + ')? This cannot be undone.')) {
        return null;
      }
      return api('POST', '/smime-gateway/ca/revoke', values).then(function (answer) {
        var revoked = answer.data.revoked || [];
        box.appendChild(el('h3', { text: 'Revoked ' + revoked.length + ' certificate(s)' }));
        var list = el('ul', { id: 'revoked-list' });
        revoked.forEach(function (c) { list.appendChild(el('li', { text: c.subject + ' serial ' + c.serial })); });
        box.appendChild(list);
        crlOutcome(box, answer.data.crl);
        showStatus('Revoked ' + revoked.map(function (c) { return c.serial; }).join(', ') + '; fresh CRL published.');
        return loadCa();
      });
    });
  });

  $('#ca-crl').addEventListener('click', function () {
    var box = clear($('#crl-result'));
    act(function () {
      return api('POST', '/smime-gateway/ca/crl', {}).then(function (answer) {
        crlOutcome(box, answer.data);
        showStatus('CRL number ' + answer.data.crlNumber + ' published.');
        return loadCa();
      });
    });
  });

  // ---------- Queues ----------
  var currentRepository = null;

  function loadRepositories() {
    return api('GET', '/smime-gateway/mail').then(function (answer) {
      var box = clear($('#repositories'));
      var list = el('ul', { 'class': 'repositories' });
      answer.data.forEach(function (repository) {
        list.appendChild(el('li', {},
          button(repository.name + ' (' + repository.size + ')', function () {
            act(function () { return loadMails(repository.name); });
          }, 'Show ' + repository.name + ': ' + repository.size + ' mail(s)'),
          ' released to ' + repository.releaseState + ', ' + repository.url));
      });
      box.appendChild(list);
    });
  }

  function reasonOf(mail) {
    var attributes = mail.attributes || {};
    var parts = [];
    Object.keys(attributes).forEach(function (key) { parts.push(key.replace(/^smimegateway\./, '') + '=' + JSON.stringify(attributes[key])); });
    if (mail.errorMessage) { parts.unshift(mail.errorMessage); }
    return parts.join('; ');
  }

  function loadMails(repository) {
    currentRepository = repository;
    return api('GET', '/smime-gateway/mail/' + encodeURIComponent(repository) + '?limit=100').then(function (answer) {
      var page = answer.data;
      $('#mail-table caption').textContent = page.repository + ': ' + page.total + ' mail(s)'
        + (page.total > page.mails.length ? ', first ' + page.mails.length + ' shown' : '');
      var body = clear($('#mail-table tbody'));
      page.mails.forEach(function (mail) {
        body.appendChild(el('tr', { 'data-key': mail.key },
          cell(mail.subject), cell(mail.sender), cell((mail.recipients || []).join(', ')), cell(day(mail.lastUpdated)),
          cell(reasonOf(mail)),
          el('td', {},
            button('Open', function () { act(function () { return openMail(repository, mail.key); }); }, 'Open ' + mail.subject),
            button('Release', function () { act(function () { return releaseMail(repository, mail); }); }, 'Release ' + mail.subject),
            button('Delete', function () { act(function () { return deleteMail(repository, mail); }); }, 'Delete ' + mail.subject))));
      });
      $('#mail-table').hidden = false;
      $('#mail-detail').hidden = true;
      return loadRepositories();
    });
  }

  function openMail(repository, key) {
    return api('GET', '/smime-gateway/mail/' + encodeURIComponent(repository) + '/' + encodeURIComponent(key)).then(function (answer) {
      var m = answer.data;
      definitions($('#mail-detail dl'), [['Repository', repository], ['Key', m.key], ['Subject', m.subject],
        ['Sender', m.sender], ['Recipients', (m.recipients || []).join(', ')], ['Message-ID', m.messageId],
        ['Size', m.size], ['State', m.state], ['Error', m.errorMessage], ['Decision headers', m.decisionHeaders],
        ['Attributes', m.attributes]]);
      var trace = clear($('#mail-detail .trace'));
      (m.trace || []).forEach(function (line) { trace.appendChild(el('li', { text: typeof line === 'string' ? line : JSON.stringify(line) })); });
      if (!(m.trace || []).length) { trace.appendChild(el('li', { text: 'no decision trace recorded' })); }
      $('#mail-detail .headers').textContent = (m.headers || []).join('\n');
      $('#mail-detail').hidden = false;
      focusHeading($('#mail-detail'));
    });
  }

  function releaseMail(repository, mail) {
    if (!window.confirm('Release "' + mail.subject + '" for a fresh decision?')) { return null; }
    return api('POST', '/smime-gateway/mail/' + encodeURIComponent(repository) + '/' + encodeURIComponent(mail.key) + '/release', {})
      .then(function (answer) {
        return loadMails(repository).then(function () {
          showStatus('Released to ' + answer.data.state + ': ' + mail.subject);
        });
      });
  }

  function deleteMail(repository, mail) {
    if (!window.confirm('Delete "' + mail.subject + '" for good?')) { return null; }
    return api('DELETE', '/smime-gateway/mail/' + encodeURIComponent(repository) + '/' + encodeURIComponent(mail.key))
      .then(function () { return loadMails(repository).then(function () { showStatus('Deleted: ' + mail.subject); }); });
  }

  // ---------- Settings ----------
  function loadPolicy() {
    return api('GET', '/smime-gateway/policy/status').then(function (answer) {
      var s = answer.data;
      var box = clear($('#policy-status'));
      box.appendChild(definitions(el('dl'), [['Policy file', s.file], ['Status', s.status], ['Loaded at', day(s.loadedAt)],
        ['File modified', day(s.fileModified)], ['Error', s.error]]));
    }).then(loadRules);
  }

  // The rules as GET /smime-gateway/policy/rules shows them; rulesSha256 guards every write (If-Match).
  var RULE_SETTINGS = ['locality', 'encrypt', 'smime', 'sign', 'contentEncryption', 'keyTransport', 'protectHeaders',
    'legacyContentTypes'];
  var rulesSha256 = null;
  var LEVEL_NAMES = { global: 'global', domains: 'domain', users: 'user' };

  function settingText(key, value) {
    if (value !== null && typeof value === 'object') {
      var extra = Object.keys(value).filter(function (k) { return k !== 'value'; })
        .map(function (k) { return k + '=' + value[k]; });
      return key + ' = ' + value.value + (extra.length ? ' (' + extra.join(', ') + ')' : '');
    }
    return key + ' = ' + value;
  }

  function showRules(rules) {
    rulesSha256 = rules.sha256;
    var body = clear($('#rules-table tbody'));
    function row(level, name, settings) {
      var list = el('ul', { 'class': 'settings' });
      Object.keys(settings).forEach(function (key) {
        list.appendChild(el('li', { 'data-setting': key, text: settingText(key, settings[key]) }));
      });
      if (!list.firstChild) { list.appendChild(el('li', { text: 'nothing set: all inherited' })); }
      var label = LEVEL_NAMES[level] + (name ? ' ' + name : '');
      body.appendChild(el('tr', { 'data-level': LEVEL_NAMES[level], 'data-name': name || '' },
        cell(LEVEL_NAMES[level]), cell(name || '(everybody)'), el('td', {}, list),
        el('td', {}, button('Edit', function () { editRule(level, name, settings); }, 'Edit the ' + label + ' rule'),
          level === 'global' ? null : button('Delete', function () { act(function () { return deleteRule(level, name); }); },
            'Delete the ' + label + ' rule'))));
    }
    row('global', null, rules.global || {});
    (rules.domains || []).forEach(function (rule) { row('domains', rule.name, rule.settings); });
    (rules.users || []).forEach(function (rule) { row('users', rule.address, rule.settings); });
  }

  function loadRules() {
    return api('GET', '/smime-gateway/policy/rules').then(function (answer) { showRules(answer.data); });
  }

  function selectValue(select, value) {
    var wanted = value === undefined || value === null ? '' : String(value);
    var match = Array.prototype.filter.call(select.options, function (option) {
      return option.value.toLowerCase() === wanted.toLowerCase();
    })[0];
    if (!match) { // A value the form does not list (the file says it): keep it rather than lose it on save.
      match = el('option', { value: wanted, text: wanted });
      select.appendChild(match);
    }
    select.value = match.value;
  }

  function editRule(level, name, settings) {
    $('#rule-level').value = level;
    $('#rule-name').value = name || '';
    ruleLevelChanged();
    RULE_SETTINGS.forEach(function (key) { selectValue($('#rule-' + key), settings[key]); });
    var trigger = settings.subjectTrigger;
    var object = trigger !== null && typeof trigger === 'object';
    $('#rule-subjectTrigger').value = trigger === undefined ? '' : (object ? trigger.value : trigger);
    selectValue($('#rule-trigger-case'), object ? trigger.caseSensitive : '');
    selectValue($('#rule-trigger-remove'), object ? trigger.remove : '');
    clear($('#rule-result'));
    $('#rule-level').focus();
  }

  function ruleLevelChanged() {
    var global = $('#rule-level').value === 'global';
    $('#rule-name').disabled = global;
    $('#rule-name').required = !global;
  }
  $('#rule-level').addEventListener('change', ruleLevelChanged);

  function rulePath(level, name) {
    return '/smime-gateway/policy/rules/' + (level === 'global' ? 'global' : level + '/' + encodeURIComponent(name));
  }

  /** A write with the sha256 of the rules shown; on 409 the rules are reloaded so the operator sees the change. */
  function writeRule(method, level, name, body) {
    return api(method, rulePath(level, name), body, undefined, rulesSha256 ? { 'If-Match': rulesSha256 } : {})
      .then(function (answer) {
        showRules(answer.data);
        return answer;
      }).catch(function (error) {
        if (error.status === 409) {
          return loadRules().then(function () {
            throw new ApiError(409, error.message + ' (the rules shown are now reloaded)');
          });
        }
        throw error;
      });
  }

  function ruleOutcome(text) {
    clear($('#rule-result')).appendChild(el('p', { 'class': 'ok', id: 'rule-saved', text: text }));
  }

  function deleteRule(level, name) {
    var label = LEVEL_NAMES[level] + ' ' + name;
    if (!window.confirm('Delete the ' + label + ' rule? Its addresses inherit their settings again.')) {
      return null;
    }
    return writeRule('DELETE', level, name).then(function (answer) {
      ruleOutcome('Deleted the ' + label + ' rule. Previous file kept as ' + (answer.data.backup || '(none)') + '.');
      showStatus('Rule deleted: ' + label + '.');
    });
  }

  $('#rule-form').addEventListener('submit', function (event) {
    event.preventDefault();
    var level = $('#rule-level').value;
    var name = $('#rule-name').value.trim();
    var settings = {};
    RULE_SETTINGS.forEach(function (key) {
      var value = $('#rule-' + key).value;
      if (value) { settings[key] = value; }
    });
    var trigger = $('#rule-subjectTrigger').value;
    if (trigger.trim()) {
      var caseSensitive = $('#rule-trigger-case').value;
      var remove = $('#rule-trigger-remove').value;
      settings.subjectTrigger = caseSensitive || remove
        ? { value: trigger, caseSensitive: caseSensitive || null, remove: remove || null } : trigger;
    }
    var label = LEVEL_NAMES[level] + (level === 'global' ? '' : ' ' + name);
    act(function () {
      return writeRule('PUT', level, name, settings).then(function (answer) {
        ruleOutcome('Saved the ' + label + ' rule; it applies to the next mail. Previous file kept as '
          + (answer.data.backup || '(none)') + '.');
        showStatus('Rule saved: ' + label + '.');
      });
    });
  });

  $('#rule-clear').addEventListener('click', function () {
    $('#rule-form').reset();
    ruleLevelChanged();
    clear($('#rule-result'));
  });

  function describe(value) { return typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value); }
  function levelOf(source) { return source.level + (source.rule ? ' ' + source.rule : ''); }

  $('#effective-form').addEventListener('submit', function (event) {
    event.preventDefault();
    var address = $('#effective-address').value.trim();
    act(function () {
      return api('GET', '/smime-gateway/policy/effective?address=' + encodeURIComponent(address)).then(function (answer) {
        var settings = answer.data.settings;
        $('#effective-table caption').textContent = 'Effective settings for ' + answer.data.address;
        var body = clear($('#effective-table tbody'));
        Object.keys(settings).forEach(function (name) {
          var s = settings[name];
          var chain = el('ol');
          (s.chain || []).forEach(function (step) {
            chain.appendChild(el('li', { text: levelOf(step) + ': ' + describe(step.value) + (step.description ? ' (' + step.description + ')' : '') }));
          });
          body.appendChild(el('tr', { 'data-setting': name }, el('th', { scope: 'row', text: name }), cell(describe(s.value)),
            cell(s.source ? levelOf(s.source) : ''), el('td', {}, chain)));
        });
        $('#effective-table').hidden = false;
      });
    });
  });

  /** The candidate: the chosen file, else the text area. */
  function candidatePolicy() {
    var file = $('#validate-file').files[0];
    return file ? file.text() : Promise.resolve($('#validate-text').value);
  }

  function validatePolicy(text) {
    var box = clear($('#validate-result'));
    return api('POST', '/smime-gateway/policy/validate', text, 'application/xml').then(function (answer) {
      var v = answer.data;
      box.appendChild(el('p', { 'class': v.valid ? 'ok' : 'bad', text: v.valid ? 'Valid: ' + v.summary
        : 'Not valid' + (v.line ? ' (line ' + v.line + ')' : '') + ': ' + v.error }));
      return v;
    });
  }

  $('#policy-load').addEventListener('click', function () {
    act(function () {
      return api('GET', '/smime-gateway/policy/file').then(function (answer) {
        $('#validate-file').value = '';
        $('#validate-text').value = answer.data.content;
        clear($('#validate-result'));
        showStatus('Loaded ' + answer.data.file + '.');
      });
    });
  });

  $('#validate-form').addEventListener('submit', function (event) {
    event.preventDefault();
    act(function () { return candidatePolicy().then(validatePolicy); });
  });

  $('#policy-apply').addEventListener('click', function () {
    act(function () {
      return candidatePolicy().then(function (text) {
        return validatePolicy(text).then(function (v) {
          if (!v.valid) {
            throw new ApiError(400, 'The policy is not valid and was not applied (see below).');
          }
          if (!window.confirm('Apply this policy now? The next mail is decided by it; the current file is kept as a backup.')) {
            return null;
          }
          return api('PUT', '/smime-gateway/policy', text, 'application/xml').then(function (answer) {
            $('#validate-result').appendChild(el('p', { 'class': 'ok', id: 'policy-applied',
              text: 'Applied. Previous file kept as ' + (answer.data.backup || '(none)') + '.' }));
            showStatus('Policy applied: ' + answer.data.policy.status + '.');
            return loadPolicy();
          });
        });
      });
    });
  });

  // ---------- Password channels ----------
  function loadChannels() {
    return api('GET', '/smime-gateway/channels').then(function (answer) {
      var body = clear($('#channels-table tbody'));
      var select = clear($('#channel-name'));
      (answer.data.channels || []).forEach(function (channel) {
        body.appendChild(el('tr', { 'data-channel': channel.name }, cell(channel.name), cell(channel.target || '—'),
          cell((channel.options || []).join(', ') || 'none'), cell(channel.usedFor),
          el('td', { 'class': channel.problem ? 'bad' : '', text: channel.problem || '' })));
        select.appendChild(el('option', { value: channel.name, text: channel.name + ' (' + (channel.target || 'not usable') + ')' }));
      });
      $('#channels-registered').textContent = 'Kinds of channel this gateway knows: ' + (answer.data.registered || []).join(', ') + '.';
    });
  }

  function channelOutcome(report) {
    var box = clear($('#channel-result'));
    box.appendChild(el('h3', { text: (report.delivered ? 'Test notice delivered: ' : 'Test notice NOT delivered: ') + report.channel }));
    box.appendChild(definitions(el('dl', { id: 'channel-outcome', 'data-delivered': String(report.delivered), 'data-marker': report.marker || '' }),
      [['Channel', report.channel], ['Where it goes', report.target], ['About', report.address], ['Marker to look for', report.marker],
        [report.delivered ? 'Delivered' : 'Reason', report.delivered ? report.detail : report.reason]]));
  }

  $('#channel-test').addEventListener('submit', function (event) {
    event.preventDefault();
    clear($('#channel-result'));
    var name = $('#channel-name').value;
    var values = { address: $('#channel-address').value.trim() };
    var phone = $('#channel-phone').value.trim();
    if (phone) { values.phone = phone; }
    act(function () {
      return api('POST', '/smime-gateway/channels/' + encodeURIComponent(name) + '/test', values).then(function (answer) {
        channelOutcome(answer.data);
        showStatus('Test notice ' + answer.data.marker + ' delivered over ' + answer.data.detail + '.');
      }).catch(function (error) {
        if (error.status === 502 && error.data && error.data.marker) {
          channelOutcome(error.data);
          throw new ApiError(502, 'The test notice did not go out over ' + error.data.channel + ': ' + error.data.reason);
        }
        throw error;
      });
    });
  });

  // ---------- Logs ----------
  var LOG_COLUMNS = ['event', 'actor', 'at'];

  function loadLogs() {
    var values = formValues($('#logs-form'));
    var query = Object.keys(values).map(function (key) {
      return encodeURIComponent(key) + '=' + encodeURIComponent(values[key]);
    }).join('&');
    $('#logs-summary').textContent = 'Loading…';
    return api('GET', '/smime-gateway/audit' + (query ? '?' + query : '')).then(function (answer) {
      var page = answer.data;
      var body = clear($('#logs-table tbody'));
      page.events.forEach(function (event) {
        var details = el('td', { 'class': 'fields' });
        Object.keys(event.fields).forEach(function (key) {
          if (LOG_COLUMNS.indexOf(key) >= 0) { return; }
          details.appendChild(el('span', { 'class': 'field', 'data-field': key }, el('b', { text: key + '=' }), event.fields[key]));
          details.appendChild(document.createTextNode(' '));
        });
        body.appendChild(el('tr', { 'data-event': event.event, 'data-sequence': String(event.sequence), title: event.line },
          cell(day(event.at)), cell(event.event), cell(event.actor), details));
      });
      $('#logs-table').hidden = page.events.length === 0;
      $('#logs-summary').textContent = page.events.length + ' event(s) shown (at most ' + page.limit + '); '
        + page.held + ' held in memory of ' + page.logged + ' logged since James started (room for ' + page.capacity + ').';
    });
  }

  $('#logs-form').addEventListener('submit', function (event) {
    event.preventDefault();
    act(loadLogs);
  });


  // ---------- views ----------
  var loaders = { certificates: null, roots: loadRoots, crls: loadCrls, ca: loadCa, queues: loadRepositories, settings: loadPolicy };

  function route() {
    var name = (location.hash || '#certificates').substring(1);
    if (!(name in loaders)) { name = 'certificates'; }
    Object.keys(loaders).forEach(function (view) {
      $('#view-' + view).hidden = view !== name;
      var link = document.querySelector('nav a[data-view="' + view + '"]');
      if (view === name) { link.setAttribute('aria-current', 'page'); } else { link.removeAttribute('aria-current'); }
    });
    if (loaders[name]) { act(loaders[name]); } else { clearMessages(); }
  }

  loaders.channels = loadChannels;
  loaders.logs = loadLogs;

  window.addEventListener('hashchange', function () {
    route();
    var section = document.querySelector('main > section:not([hidden])');
    if (section) { focusHeading(section); }
  });
  tokenState();
  route();
}());
