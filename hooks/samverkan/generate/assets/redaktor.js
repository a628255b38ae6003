// The web editor's own rules, run beside Decap CMS on /redaktor/.
//
// - Swedish throughout: Decap's Swedish lacks some of its strings (they fall
//   back to English); they are added here, and a few reworded.
// - Dates as Swedes write them (ÅÅÅÅ-MM-DD), typed or picked.
// - Every meeting saved from the form gets an explicit `id` if it has none:
//   its identity in subscribers' calendars then survives any later edit
//   (the build keeps the identity a meeting had before it got its id).
// - The build's checks before a save (rules.js, the same rules as the
//   build), shown beside the field.
(function () {
  "use strict";
  var CMS = window.CMS;
  var h = window.h;
  var createClass = window.createClass;
  var rules = window.SamverkanRules;

  // ---- Swedish ------------------------------------------------------------
  var swedish = {
    auth: { loginWithForgejo: "Logga in med Forgejo" },
    app: { header: {}, errorBoundary: {} },
    collection: {
      collectionTop: {
        viewAsList: "Visa som lista",
        viewAsGrid: "Visa som rutnät",
        newButton: "Skapa ny: %{collectionLabel}",
      },
      entries: { unpublishedHeader: "Opublicerade" },
    },
    editor: {
      editorControl: { field: { widgetLabel: "fältet %{widgetLabel}" } },
      editorControlPane: {
        widget: {
          required: "%{fieldLabel} måste fyllas i.",
          regexPattern: "%{fieldLabel}: %{pattern}",
        },
        i18n: {
          copyFromLocale: "Fyll i från ett annat språk",
          copyFromLocaleConfirm: "Vill du fylla i från %{locale}?\nDet som står nu skrivs över.",
        },
      },
      editor: {
        onPublishingNotReady: "Redigeringsverktyget är inte klart att publicera än.",
        missingRequiredField: "Något fält är inte ifyllt eller har ett fel. Se meddelandet vid fältet.",
      },
      editorInterface: { toggleNotes: "Visa eller dölj anteckningar" },
      editorNotesPane: {
        title: "Anteckningar",
        emptyState: "Inga anteckningar än.",
        addNote: "Lägg till anteckning",
        addPlaceholder: "Skriv en anteckning …",
        editPlaceholder: "Ändra anteckningen …",
        save: "Spara",
        cancel: "Avbryt",
        edit: "Ändra",
        delete: "Ta bort",
        resolve: "Markera som klar",
        unresolve: "Öppna igen",
        confirmDelete: "Vill du ta bort anteckningen?",
        shortcut: "Tips: Ctrl+Enter lägger till anteckningen.",
      },
      editorToolbar: {
        statusInfoTooltipDraft: "Ändringen är ett utkast. Sätt statusen till ”För granskning” när den ska granskas.",
        statusInfoTooltipInReview: "Ändringen granskas. Du kan fortsätta att ändra medan den granskas.",
      },
      editorWidgets: {
        markdown: {
          strikethrough: "Genomstruken",
          richText: "Formaterad text",
          markdown: "Markdown",
          toggleMode: { rich: "Byt till formaterad text", markdown: "Byt till Markdown" },
        },
        image: { chooseMultiple: "Välj bilder", addMore: "Lägg till fler bilder", removeAll: "Ta bort alla bilder" },
        file: { chooseMultiple: "Välj filer", addMore: "Lägg till fler filer", removeAll: "Ta bort alla filer" },
        datetime: { setToNow: "Sätt %{fieldLabel} till nu" },
        list: { add: "Lägg till: %{item}", addType: "Lägg till: %{item}" },
        object: { expand: "Visa", collapse: "Dölj" },
      },
    },
    mediaLibrary: { mediaLibraryModal: { close: "Stäng" } },
    ui: {
      settingsDropdown: { account: "Kontoval" },
      toast: {
        noteAdded: "Anteckningen är tillagd",
        onFailToAddNote: "Anteckningen kunde inte läggas till: %{details}",
        noteUpdated: "Anteckningen är ändrad",
        onFailToUpdateNote: "Anteckningen kunde inte ändras: %{details}",
        noteDeleted: "Anteckningen är borttagen",
        onFailToDeleteNote: "Anteckningen kunde inte tas bort: %{details}",
        noteResolved: "Anteckningen är markerad som klar",
        noteReopened: "Anteckningen är öppnad igen",
        onFailToToggleNote: "Anteckningen kunde inte ändras: %{details}",
      },
    },
  };

  function merged(base, extra) {
    var out = {};
    Object.keys(base || {}).forEach(function (key) { out[key] = base[key]; });
    Object.keys(extra).forEach(function (key) {
      var value = extra[key];
      out[key] = value && typeof value === "object" ? merged(out[key] || {}, value) : value;
    });
    return out;
  }
  CMS.registerLocale("sv", merged(CMS.getLocale("sv"), swedish));

  // ---- Checks from the build's rules, beside the field ----------------------
  function problemFor(field, value, entry) {
    if (!rules) {
      return null;
    }
    var kind = field.get("sv_check");
    return rules.problem(kind, value, {
      entry: entry && entry.toJS ? entry.toJS() : {},
      required: field.get("required") !== false,
      taken: field.get("sv_taken") ? field.get("sv_taken").toJS() : null,
      group: field.get("sv_group") || null,
    });
  }

  // A built-in widget with the build's checks of its value added.
  function checked(name) {
    var base = CMS.getWidget(name);
    var Control = createClass({
      isValid: function () {
        var inner = this.inner && typeof this.inner.isValid === "function" ? this.inner.isValid() : true;
        if (inner === false || (inner && inner.error) || (inner && typeof inner.then === "function")) {
          return inner;  // the widget's own finding (a select's {error: false} is none)
        }
        var message = problemFor(this.props.field, this.props.value, this.props.entry);
        return message ? { error: { type: "CUSTOM", message: message } } : true;
      },
      render: function () {
        var self = this;
        var props = Object.assign({}, this.props, { ref: function (el) { self.inner = el; } });
        return h(base.control, props);
      },
    });
    CMS.registerWidget("sv-" + name, Control, base.preview, base.schema);
  }
  ["string", "text", "markdown", "select", "number", "boolean"].forEach(checked);
  // The year of a plan, and other whole numbers.

  // A date typed as ÅÅÅÅ-MM-DD, or picked in the browser's calendar.
  var DateControl = createClass({
    isValid: function () {
      var message = problemFor(this.props.field, this.props.value, this.props.entry);
      return message ? { error: { type: "CUSTOM", message: message } } : true;
    },
    render: function () {
      var props = this.props;
      var value = props.value || "";
      var fromName = props.field.get("sv_from_file_name") && props.entry && props.entry.get("path")
        ? (props.entry.get("path").split("/").pop() || "").replace(/\.[a-z]+$/, "") : "";
      var picker = null;
      return h("div", { className: props.classNameWrapper, style: { display: "flex", gap: "8px", alignItems: "center" } },
        h("input", {
          id: props.forID,
          type: "text",
          inputMode: "numeric",
          autoComplete: "off",
          placeholder: fromName ? fromName + " (från filens namn)" : "ÅÅÅÅ-MM-DD",
          value: value,
          style: { flex: "1", border: "0", outline: "none", background: "transparent", font: "inherit" },
          onChange: function (e) { props.onChange(e.target.value.trim()); },
          onFocus: props.setActiveStyle,
          onBlur: props.setInactiveStyle,
        }),
        h("input", {
          type: "date",
          tabIndex: -1,
          "aria-hidden": "true",
          value: /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : "",
          style: { position: "absolute", opacity: 0, width: "1px", height: "1px", pointerEvents: "none" },
          ref: function (el) { picker = el; },
          onChange: function (e) { props.onChange(e.target.value); },
        }),
        h("button", {
          type: "button",
          onClick: function () {
            if (picker && typeof picker.showPicker === "function") {
              picker.showPicker();
            }
          },
        }, "Välj i kalendern"));
    },
  });
  CMS.registerWidget("sv-datum", DateControl, function (props) { return h("span", null, props.value); });

  // ---- Before a save --------------------------------------------------------
  function randomPart() {
    var bytes = new Uint8Array(4);
    window.crypto.getRandomValues(bytes);
    return Array.from(bytes, function (b) { return (b % 36).toString(36); }).join("");
  }

  function slugPart(value) {
    return String(value || "").toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "");
  }

  function withId(meeting, file) {
    if (!meeting || typeof meeting.get !== "function" || meeting.get("id")) {
      return meeting;
    }
    var group = slugPart(meeting.get("grupp") || (file && file.get("grupp")) || "mote");
    var day = slugPart(String(meeting.get("datum") || "").slice(0, 10));
    return meeting.set("id", [group, day, randomPart()].filter(Boolean).join("-"));
  }

  // Fields left empty are left out of the file, as an editor writing by hand
  // leaves them out (Decap would write `titel: ""` and `undantag: []`).
  function withoutEmpty(value) {
    if (value && typeof value.filter === "function" && typeof value.map === "function") {
      var kept = value.map(withoutEmpty).filter(function (v) {
        return !(v === null || v === undefined || v === "" || (v && v.size === 0));
      });
      return kept;
    }
    return value;
  }

  CMS.registerEventListener({
    name: "preSave",
    handler: function (payload) {
      var entry = payload.entry;
      var data = withoutEmpty(entry.get("data"));
      if (entry.get("collection") !== "kalender") {
        return data;
      }
      var list = data.get("händelser");
      if (list && list.size) {
        return data.set("händelser", list.map(function (meeting) { return withId(meeting, data); }));
      }
      return withId(data, null);
    },
  });

  CMS.init();
})();
