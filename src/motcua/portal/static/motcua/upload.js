/* Uploads with progress: each <input type="file" data-upload-into="ID"> in a form with
   data-upload-url is sent on its own (XMLHttpRequest, so the progress bar moves) to the upload
   endpoint, and the upload's id goes into the hidden input ID. Without JavaScript the same form
   posts the files themselves (multipart), so nothing depends on this script. */
(function () {
  "use strict";
  var pending = 0;

  function byId(id) { return id ? document.getElementById(id) : null; }

  function token(form) {
    var field = form.querySelector("input[name=csrfmiddlewaretoken]");
    return field ? field.value : "";
  }

  function say(form, input, key, name) {
    var status = byId(input.getAttribute("data-status"));
    if (status) { status.textContent = (form.getAttribute("data-msg-" + key) || "").replace("{name}", name || ""); }
  }

  function failed(form, input, bar, message) {
    pending -= 1;
    bar.hidden = true;
    input.value = "";
    var status = byId(input.getAttribute("data-status"));
    if (status) { status.textContent = message || form.getAttribute("data-msg-failed") || ""; }
  }

  /* The file is attached: the "attach this document" error no longer holds. */
  function cleared(input) {
    var error = byId(input.getAttribute("data-error"));
    if (error) { error.parentNode.removeChild(error); }
    input.removeAttribute("aria-invalid");
    var summary = document.querySelector("[data-documents-summary]");
    var link = summary && summary.querySelector("a[href='#" + input.id + "']");
    if (link) { link.parentNode.parentNode.removeChild(link.parentNode); }
    if (summary && !summary.querySelector("li")) { summary.parentNode.removeChild(summary); }
  }

  function send(input) {
    var form = input.form;
    var url = form && form.getAttribute("data-upload-url");
    var target = byId(input.getAttribute("data-upload-into"));
    var bar = byId(input.getAttribute("data-progress"));
    var file = input.files && input.files[0];
    if (!file || !url || !target || !bar) { return; }
    var data = new FormData();
    data.append("file", file);
    var xhr = new XMLHttpRequest();
    xhr.open("POST", url);
    xhr.setRequestHeader("X-CSRFToken", token(form));
    xhr.setRequestHeader("Accept", "application/json");
    pending += 1;
    target.value = "";
    bar.hidden = false;
    bar.value = 0;
    say(form, input, "uploading", file.name);
    xhr.upload.addEventListener("progress", function (event) {
      if (event.lengthComputable) { bar.value = Math.round((100 * event.loaded) / event.total); }
    });
    xhr.addEventListener("load", function () {
      var body = {};
      try { body = JSON.parse(xhr.responseText); } catch (ignored) { body = {}; }
      if (xhr.status === 201 && body.id) {
        pending -= 1;
        bar.value = 100;
        target.value = String(body.id);
        input.setAttribute("data-name", input.name);
        input.removeAttribute("name");  /* the file is stored: do not send it again */
        say(form, input, "done", file.name);
        cleared(input);
      } else {
        failed(form, input, bar, body.error && body.error.message);
      }
    });
    xhr.addEventListener("error", function () { failed(form, input, bar, ""); });
    xhr.send(data);
  }

  document.addEventListener("change", function (event) {
    var input = event.target;
    if (input.matches && input.matches("input[type=file][data-upload-into]")) {
      if (!input.name && input.getAttribute("data-name")) { input.name = input.getAttribute("data-name"); }
      send(input);
    }
  });

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (pending > 0 && form.getAttribute("data-upload-url")) {
      event.preventDefault();
      var note = byId(form.getAttribute("data-wait-into"));
      if (note) { note.textContent = form.getAttribute("data-msg-wait") || ""; }
    }
  });
}());
