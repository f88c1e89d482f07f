"""Every session-state key and URL query parameter the app uses, in one place."""

from __future__ import annotations

# The id of the journey chosen in the sidebar picker (also the picker widget's key).
SELECTED_JOURNEY = "selected_journey"
# URL query parameter that carries the selected journey, so a link opens that journey.
JOURNEY_QUERY_PARAM = "journey"
# A journey to select on the next run (the picker's own key cannot be set once the
# picker has been drawn in this run).
PENDING_SELECTION = "pending_selection"
# Set after an import or a demo load: open the Journey page on the next run.
OPEN_JOURNEY_PAGE = "open_journey_page"
# A success message to show once on the next run (st.rerun() would swallow it).
FLASH_MESSAGE = "flash_message"
# Widget keys on the Get started page.
UPLOAD_WIDGET = "journey_upload"
REPLACE_EXISTING = "journey_upload_replace"
# --- the journey editor, its history and the as-is/to-be comparison -------------------
# Unsaved editor drafts, journey id → widgets.editor.drafts.Draft; they survive page switches.
DRAFTS = "journey_drafts"
# Saves refused because someone saved meanwhile, journey id → StaleRevision, until the
# person reloads or overwrites.
STALE_SAVES = "stale_saves"
# What the last edit did besides the obvious (e.g. transitions removed with a
# touchpoint), shown once on the next run.
EDIT_NOTES = "edit_notes"
# The stage waiting for "move its touchpoints or delete them too".
PENDING_STAGE_DELETE = "pending_stage_delete"
# Prefix of the editor's widget keys; the draft's version is part of each key, so a
# discarded or reloaded draft redraws every widget from the stored journey.
EDITOR_WIDGET = "editor"
# The editor's sections (a segmented control), and the touchpoint in the detail form.
EDITOR_SECTION = "editor_section"
EDIT_TOUCHPOINT = "edit_touchpoint"
# The canvas: what is selected there ({"kind": "touchpoint" | "transition", "id": …}),
# journey id → the last gesture applied (the component resends until acknowledged), a
# save that met someone else's and is waiting for the person's choices, and the
# choices made.
CANVAS_SELECTION = "canvas_selection"
CANVAS_ACK = "canvas_ack"
PENDING_MERGE = "pending_merge"
MERGE_CHOICE = "merge_choice"
# New journey: the stages typed for a journey from scratch.
NEW_STAGES = "new_journey_stages"
# Journey page: "Map" or "Graph", the graph's edge filter and the map's lanes.
JOURNEY_VIEW = "journey_view"
GRAPH_EDGES = "graph_edges"
MAP_LANES = "map_lanes"
MAP_COLUMN_WIDTH = "map_column_width"
# History page: the two revisions compared and the one to restore.
HISTORY_FROM = "history_from"
HISTORY_TO = "history_to"
# Compare page: the as-is and the to-be journey.
COMPARE_AS_IS = "compare_as_is"
COMPARE_TO_BE = "compare_to_be"
# New journey page: where the journey starts from, its name and id.
NEW_SOURCE = "new_journey_source"
NEW_NAME = "new_journey_name"
NEW_ID = "new_journey_id"
NEW_VARIANT = "new_journey_variant"
# A page file (PageSpec.file) to open on the next run, once the router knows its pages.
OPEN_PAGE = "open_page"
# Mystery shopping. The visit form's address carries the visit and the section, so a
# link opens that visit and a reload comes back to the same screen.
VISIT_QUERY_PARAM = "visit"
# A signed-in device's session key: the address holds it (as a visit link's device key
# is held), so a reload or a server restart finds the person still signed in. The
# session state keeps it too, to put it back into the address after a page switch.
SESSION_QUERY_PARAM = "session"
SESSION_KEY = "session_key"
SECTION_QUERY_PARAM = "section"
# The shopper whose visits an admin opens, and the reviewer's visit choice.
SHOPPER_PICKER = "shopper_picker"
REVIEW_VISIT_PICKER = "review_visit_picker"
# Answers whose save failed, by (visit id, question id): retried on the next run.
PENDING_SAVES = "pending_saves"
# Per visit, bumped when the form must re-read the database (after a failed save or a
# photo upload), so no widget shows a value the database does not hold.
FORM_GENERATION = "form_generation"
# Set when a run found an answer on screen the database did not hold (tapped while the
# server restarted) and sent it again: the form is then redrawn from the database.
ANSWERS_RESENT = "answers_resent"
# The section each visit's form last showed, so a new section opens at its top.
SHOWN_SECTION = "shown_section"
# Timers whose "Start again" was tapped, as (visit id, question id): the question
# "wipe the time?" stands until answered, so one stray tap never wipes a measured time.
TIMER_RESTART_ASKED = "timer_restart_asked"
# Prefix of every visit-form widget key: f"{ANSWER_WIDGET}-{visit}-{gen}-{question}-{part}".
ANSWER_WIDGET = "answer"
# The reviewer's notes per question while a return is being written.
REVIEW_NOTE_WIDGET = "review_note"
# Results page settings (defaults from JOURNEYMAP_SHOPPER_* settings).
RESULTS_METHOD = "results_method"
RESULTS_APPROVED_ONLY = "results_approved_only"
# The questionnaire version ("id@version"), wave and round the results are read for.
RESULTS_QUESTIONNAIRE = "results_questionnaire"
RESULTS_WAVE = "results_wave"
RESULTS_ROUND = "results_round"
# The questionnaire version ("id@version") of the Journey page's shopper scores and of
# the NPS page's service-profit chain: one version per figure, never two pooled.
JOURNEY_SHOPPER_VERSION = "journey_shopper_version"
CHAIN_SHOPPER_VERSION = "chain_shopper_version"
RESULTS_VISIT = "results_visit"
RESULTS_INCLUDE_PERSONAL = "results_include_personal"
# Programme page: the visit-import upload, its date order and the questionnaire upload.
VISIT_IMPORT_UPLOAD = "visit_import_upload"
VISIT_IMPORT_DATE_ORDER = "visit_import_date_order"
VISIT_IMPORT_STATUS = "visit_import_status"
QUESTIONNAIRE_UPLOAD = "questionnaire_upload"
# Programme page, the assignment form's fields.
ASSIGN_QUESTIONNAIRE = "assign_questionnaire"
ASSIGN_LOCATION = "assign_location"
ASSIGN_SHOPPER = "assign_shopper"
ASSIGN_WINDOW = "assign_window"
# Programme page, the list of visits: its filters, and the visit to cancel or reassign.
VISITS_QUESTIONNAIRE = "visits_questionnaire"
VISITS_WAVE = "visits_wave"
VISITS_LOCATION = "visits_location"
VISITS_SHOPPER = "visits_shopper"
VISITS_STATUS = "visits_status"
VISITS_DAYS = "visits_days"
VISIT_TO_CHANGE = "visit_to_change"
VISIT_CANCEL_REASON = "visit_cancel_reason"
VISIT_NEW_SHOPPER = "visit_new_shopper"
# Programme page, planning a wave: the previewed plan (services.waves.WavePlan) waits
# here for its confirmation.
WAVE_PLAN = "wave_plan"
WAVE_QUESTIONNAIRE = "wave_questionnaire"
WAVE_WINDOW = "wave_window"
WAVE_PER_LOCATION = "wave_per_location"
WAVE_LOCATIONS = "wave_locations"
WAVE_NAME = "wave_name"
WAVE_SCENARIO = "wave_scenario"
# Programme page, shoppers and locations: the one being changed.
SHOPPER_TO_CHANGE = "shopper_to_change"
LOCATION_TO_CHANGE = "location_to_change"
# --- sand in the machine and the workshop walk -------------------------------------------
# The evidence filter shared by the Sand and Walk pages: period label, location, segment.
EVIDENCE_PERIOD = "evidence_period"
EVIDENCE_LOCATION = "evidence_location"
EVIDENCE_SEGMENT = "evidence_segment"
# The walk: which path is walked, and the step (also in the URL, so a reload stays put).
WALK_PATH_CHOICE = "walk_path_choice"
WALK_CUSTOM_PATH = "walk_custom_path"
WALK_STEP = "walk_step"
WALK_STEP_QUERY_PARAM = "step"
# Note widgets on the walk page; the step is part of the key so each step starts empty.
WALK_NOTE_KIND = "walk_note_kind"
WALK_NOTE_TEXT = "walk_note_text"
# The walk the notes are taken on (a walks row's id), also in the address ("walk"), so a
# reload stays on the same walk; and when this walk began (the page opened), kept until
# its first note stores the walk.
WALK_ID = "walk_id"
WALK_QUERY_PARAM = "walk"
WALK_OPENED_AT = "walk_opened_at"
# Journey page: colour the views by health from the evidence (a toggle).
COLOUR_BY_EVIDENCE = "colour_by_evidence"
# What-if inputs on the Sand page.
WHAT_IF_TOUCHPOINT = "what_if_touchpoint"
# --- voice of the customer: survey import, NPS, verbatims, call-backs -------------------
# Import page: the uploads, the saved copy of the survey upload (file id → path), the
# mapping widgets (prefix; the upload's id is part of each key so a new file starts
# from its own proposal) and the last report, kept until another file is chosen.
VOC_SURVEY_UPLOAD = "voc_survey_upload"
VOC_METRIC_UPLOAD = "voc_metric_upload"
VOC_SAVED_UPLOADS = "voc_saved_uploads"
VOC_MAPPING_WIDGET = "voc_mapping"
VOC_SURVEY_REPORT = "voc_survey_report"
VOC_METRIC_REPORT = "voc_metric_report"
VOC_METRIC_DATES = "voc_metric_dates"
VOC_METRIC_SHEET = "voc_metric_sheet"
# NPS dashboard: survey kind, trend grain, the compared periods, the profit-chain window.
NPS_KIND = "nps_kind"
NPS_GRAIN = "nps_grain"
NPS_PERIOD_B = "nps_period_b"
NPS_PERIOD_A = "nps_period_a"
NPS_CHAIN_WINDOW = "nps_chain_window"
# Verbatims page filters and the page number.
VERBATIM_TOUCHPOINT = "verbatim_touchpoint"
VERBATIM_GROUP = "verbatim_group"
VERBATIM_PERIOD = "verbatim_period"
VERBATIM_LOCATION = "verbatim_location"
VERBATIM_SEARCH = "verbatim_search"
VERBATIM_PAGE = "verbatim_page"
VERBATIM_SEGMENT = "verbatim_segment"
# The Verbatims page's tabs (Comments | Themes), the survey kind the Themes tab counts,
# the theme opened, the page of its comments and the prefix of its edit widgets.
VERBATIM_TAB = "verbatim_tab"
THEME_SURVEY_KIND = "theme_survey_kind"
THEME_PICKED = "theme_picked"
THEME_COMMENT_PAGE = "theme_comment_page"
THEME_WIDGET = "theme"
# Call-backs page: the status filter, the case being worked on, the edit widgets'
# prefix (case id and version are part of each key, so a reload redraws them).
CASE_STATUSES = "case_statuses"
CASE_PICKED = "case_picked"
CASE_WIDGET = "case_edit"
# The version of each case as the agent opened it (case id → version): saves expect it,
# so a change someone else saved meanwhile is refused, not overwritten; and the refusal
# (case id → message) stays on screen until the agent reloads.
CASE_OPENED = "case_opened"
CASE_STALE = "case_stale"
# The button that makes the cases of detractors stored before imports made them.
CASE_CREATE_MISSING = "case_create_missing"
# Export page: the view pictured, the evidence period, the PNG's width and scale.
EXPORT_VIEW = "export_view"
EXPORT_PERIOD = "export_period"
EXPORT_WIDTH = "export_width"
EXPORT_SCALE = "export_scale"
# --- act: improvement actions and the period report ---------------------------------------
# Actions page: where a new action comes from and the picked source item; the new-action
# form's widgets (prefix; the source is part of each key so a new source pre-fills anew).
ACTION_SOURCE_KIND = "action_source_kind"
ACTION_SOURCE_ITEM = "action_source_item"
ACTION_FORM = "action_form"
# The action being edited, and the edit widgets' prefix (action id and version are part
# of each key, so a save or someone else's save redraws them from the database).
ACTION_PICKED = "action_picked"
ACTION_EDIT = "action_edit"
# The drag board's widget key (prefix), and a counter that redraws it after a refused
# move, so the card goes back to the column it is stored in.
ACTION_BOARD = "action_board"
ACTION_BOARD_REDRAWS = "action_board_redraws"
# Why the last drag was refused, shown once above the redrawn board.
ACTION_BOARD_REFUSAL = "action_board_refusal"
# Report page: the kind of period and the period chosen.
REPORT_KIND = "report_kind"
REPORT_PERIOD = "report_period"
# --- accounts ------------------------------------------------------------------------------
# The name of the account signed in with a password in this session.
SIGNED_IN = "signed_in_account"
# The viewer (model.access.Viewer) this run acts for, set by the router on every run.
VIEWER = "viewer"
# URL query parameter of a visit link: the link's token, then the device's key.
VISIT_TOKEN_PARAM = "token"  # noqa: S105 - a parameter name, not a secret
# Sign-in form widgets.
SIGN_IN_NAME = "sign_in_name"
SIGN_IN_PASSWORD = "sign_in_password"  # noqa: S105 - a widget key
# Import page: the source name typed for the next import, and the undo of an import.
VOC_SURVEY_SOURCE = "voc_survey_source"
VOC_UNDO_BATCH = "voc_undo_batch"
VOC_UNDO_CONFIRM = "voc_undo_confirm"
VOC_UNDO_WORKED = "voc_undo_worked"
VOC_UNDO_DONE = "voc_undo_done"
# Presentation mode (the projector): "?present=1" hides the sidebar and the header and
# enlarges the type on the Journey and Walk pages; the address keeps it over a reload.
PRESENT_QUERY_PARAM = "present"
# --- the language the app speaks ------------------------------------------------------------
# The language picked on the sign-in screen (or by someone without an account) for this
# browser session; it goes before the account's own.
LANGUAGE = "language"
# The signed-in person's own language as stored with their account, read once per run.
ACCOUNT_LANGUAGE = "account_language"
# The language switches' widgets: on the sign-in screen and in the sidebar.
SIGN_IN_LANGUAGE = "sign_in_language"
LANGUAGE_SETTING = "language_setting"
# Export page: the language the exported files are written in.
EXPORT_LANGUAGE = "export_language"
