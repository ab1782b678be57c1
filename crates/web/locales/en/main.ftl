site-name = Baylink
footer = Baylink — the Shenzhen–Hong Kong–Macao science and technology alliance platform. Content is shown in your script; the original is kept as written.
language = Language
nav-organisations = Organisations
nav-people = People
nav-alliance = The alliance
nav-memberships = Memberships
nav-audit = Audit log
nav-users = Accounts
nav-api = API
nav-my-registrations = My registrations
sign-in = Sign in
sign-out = Sign out
back-home = Back to the home page
home-title = Shenzhen–Hong Kong–Macao Science and Technology Alliance
home-intro = The directory of the alliance: its member organisations, the people who lead them, its three sides and the awards it makes each year.
alliance-title = The alliance and its sides
alliance-intro = Founded in 2009 by the Shenzhen Association for Science and Technology and the Hong Kong Information Technology Federation as the Shenzhen–Hong Kong alliance of science and technology societies; Macao joined in 2019.
alliance-sides = Sides
alliance-history = History
add = Add
add-designation = Define a designation
add-membership = Award a designation
add-officer = Add an officer
add-position = Add a position
add-user = Create an account
edit = Edit
delete = Delete
remove = Remove
save = Save
cancel = Cancel
filter = Filter
none = (none)
none-yet = Nothing recorded yet.
saved = Saved.
synthetic = Demo data
last-updated = Last updated
ceremony = Ceremony
results-count = { $count ->
    [one] One result
   *[other] { $count } results
}
page-prev = ← Previous
page-next = Next →
confirm-delete-title = Delete this record?
confirm-delete-body = This cannot be undone. The audit log keeps a copy of what is deleted.
confirm-remove = Remove this entry?
delete-org-positions = { $count } positions held there will be removed.
delete-org-memberships = { $count } memberships and awards will be removed.
delete-person-positions = { $count } positions of this person will be removed.
new-organisation = New organisation
edit-organisation = Edit organisation
new-person = New person
edit-person = Edit person
org-children = Sub-organisations
org-people = People
org-memberships = Memberships and awards
person-positions = Positions
manage-designations = Designations
designations-title = Designations
designations-intro = The kinds of award the secretariat makes each year, such as member unit or overseas-talent workstation.
filter-name = Name, in any script
filter-any-type = Any type
filter-any-region = Any region
filter-any-designation = Any designation
filter-any-year = Any year
list-order = Order
order-pinyin = By pinyin
order-strokes = By strokes
order-alphabetical = A–Z (English names)
hint-name = Write the name as the organisation or person writes it; readers see it in their own script.
field-name = Name
field-name-en = English name
field-short-name = Short name
field-org-type = Type
field-region = Region
field-parent = Part of
field-website = Website
field-description = Description
field-written-in = Written in
field-bio = Biography
field-organisation = Organisation
field-title = Title
field-title-en = English title
field-since = Since (year)
field-until = Until (year)
field-side = Side
field-person = Person
field-role = Role
field-year = Year
field-designation = Designation
field-ceremony-date = Ceremony date
field-note = Note
field-code = Code
field-email = E-mail
field-password = Password
field-display-name = Display name
script-zh-Hant = Traditional Chinese
script-zh-Hans = Simplified Chinese
script-en = English
org-type-alliance = Alliance
org-type-society = Society or association
org-type-company = Company
org-type-university = University
org-type-institute = Research institute or laboratory
org-type-government = Government or public body
org-type-other = Other
region-shenzhen = Shenzhen
region-hong-kong = Hong Kong
region-macao = Macao
region-mainland = Other mainland
region-overseas = Overseas
role-admin = Platform administrator
role-secretariat = Secretariat
role-org-rep = Organisation representative
role-participant = Participant
officer-role-chair = Chair
officer-role-vice-chair = Vice-chair
officer-role-representative = Representative
officer-role-secretary-general = Secretary-general
audit-when = When
audit-who = Who
audit-what = Action
audit-record = Record
audit-change = Change
audit-details = Show
audit-before = Before
audit-after = After
audit-create = Created
audit-update = Changed
audit-delete = Deleted
audit-schedule = Scheduled
audit-publish = Published
audit-cancel = Cancelled
audit-erase = Personal data erased
audit-copy = Copied
audit-anonymise = Personal data erased at the end of its period
api-intro = Every operation of the JSON API. The machine-readable OpenAPI 3 document is at
api-params = Parameters
api-body = Request body
api-responses = Responses
api-try = Try it
err-not-found = This page or record does not exist.
err-unauthorized = Please sign in first.
err-forbidden = Your account may not do this.
err-csrf = This form has expired or came from another site. Reload the page and try again.
err-throttled = Too many failed sign-ins. Try again in { $minutes } minutes.
err-too-many-requests = Too many requests with this API token this minute. Wait a little and send it again.
err-idempotency-key = The Idempotency-Key header must be 1 to 255 visible ASCII characters (a UUID, for example).
err-idempotency-anonymous = An Idempotency-Key needs a signed-in caller (an API token or a session). Sign in, or send the request without the key.
err-idempotency-mismatch = This Idempotency-Key was already used for a different request. Use a new key for a new request.
err-idempotency-in-progress = The first request with this Idempotency-Key is still being answered. Send it again in a moment.
err-login-failed = The e-mail address or password is not correct.
err-invalid = Some fields need correcting.
err-internal = Something went wrong on our side. The problem has been logged; please try again later.
err-bad-json = The request body is not valid JSON for this operation.
err-json-content-type = Send the body as JSON (Content-Type: application/json).
err-bad-form = The form could not be read.
err-bad-query = A query parameter has a value this list does not know.
err-alert-words-too-long = Keep the words of an alert to 100 characters or fewer.
err-body-too-large = The request is too large.
err-required = This field is required.
err-too-long = At most { $limit } characters.
err-control-chars = Contains characters that cannot be stored.
err-unknown-choice = Choose one of the listed values.
err-bad-url = Enter a web address such as https://example.org.
err-bad-date = Enter a date as YYYY-MM-DD.
err-bad-year = Enter a year between 1900 and 2200.
err-date-out-of-range = Enter a date between the years 1900 and 2200.
err-bad-email = Enter an e-mail address such as name@example.org.
err-bad-code = Use lower-case letters, digits and _ only.
err-not-a-number = Enter a number.
err-end-before-start = The end year is before the start year.
err-date-outside-year = The ceremony date is not in the award's year.
err-password-short = At least { $limit } characters.
err-email-taken = An account with this e-mail address already exists.
err-duplicate = This record already exists.
err-duplicate-name = An organisation with this name already exists (in one script or the other).
err-duplicate-membership = This organisation already holds this designation for that year.
err-designation-in-use = This designation has been awarded; remove its awards first.
err-still-referenced = Other records still refer to this one.
err-stale-edit = Someone else changed this record after you opened it. Reload to see their change, then edit again.
err-unknown-reference = The chosen record does not exist (any more).
err-parent-cycle = An organisation cannot be part of itself or of its own sub-organisations.
nav-events = Events
events-upcoming = Upcoming
events-past = Past
events-all = All
filter-title = Title, in any script
filter-any-kind = Any kind
filter-any-series = Any series
filter-participant = Name, e-mail or organisation
field-event-kind = Kind
field-series = Series
field-date = Date
field-venue = Venue
field-your-name = Name
hint-your-name = As you write it; readers of the other script see it converted.
field-position = Position
field-phone = Phone
field-dietary = Dietary needs
field-sessions = Sessions
field-status = Status
hong-kong-time = Hong Kong time
registration-open = Registration open
calendar-feed = Calendar
calendar-all-events = Events of the Shenzhen–Hong Kong–Macao Science and Technology Alliance
calendar-these-events = the events as filtered here
add-to-calendar = Add to calendar
register = Register
registrations = Registrations
registered = Registered
attended = Attended
attendance = Attendance
participants = Participants
by-region = By region
by-org-type = By organisation type
by-session = By session
unknown = Not given
approve = Approve
decline = Decline
guests-of-honour = Guests of honour
programme = Programme
needs-approval = The organiser approves each registration; you will hear by e-mail.
seats-left = { $count ->
    [one] one seat left
   *[other] { $count } seats left
}
seats-taken = { $count } seats taken
consent-text = I agree that the organisers keep and use these details to run this event, as the privacy notice explains, and may ask for them to be exported or erased.
your-registration = Your registration
find-title = Find my registrations
find-help = Lost the mail with your registration's link, or your invitation? Enter your e-mail address: the links of every registration made with it, and of the invitations to it still waiting, will be sent there.
find-send = Send me my links
find-sent = If registrations were made with { $email }, a mail with their links is on its way; it can take a few minutes, and may land in the junk folder. At most one such mail goes to an address every ten minutes.
err-find-throttled = Too many requests from this connection: try again in an hour.
find-link = Lost your registration's link?
delegation-title = Register a delegation
delegation-help = Register colleagues from { $organisation } in one go. Each gets their own confirmation e-mail with their own link and ticket, and takes a seat or a place on the waiting list as if they had registered themselves.
delegation-entered = Registered by you
delegation-colleagues = Registered by your organisation's other representatives
delegation-add = Add colleagues
delegation-row-name = Name of person { $count }
delegation-row-email = E-mail of person { $count }
delegation-row-position = Position of person { $count }
delegation-mail-language = Language of their mails
delegation-row-locale = Language of person { $count }'s mails
delegation-row-answers = Answers to the organiser's questions for person { $count } (optional)
delegation-answers-help = You may answer the organiser's questions for a colleague now; once you answer one for them, answer the required ones too. What you leave, they answer on their own page.
delegation-consent = I confirm that each person listed agreed to be registered and to the privacy notice.
delegation-submit = Register them
delegation-cancel-confirm = Cancel this colleague's registration? Their seat goes to the next on the waiting list.
err-delegation-empty = Fill in at least one person.
err-delegation-twice = This address is listed twice.
err-delegation-consent = Please confirm that the people listed agreed.
err-delegation-too-many = At most { $limit } people at a time.
err-delegation-quota = { $limit ->
    [0] Your organisation has no places left at this event.
    [one] Your organisation has only one place left at this event.
   *[other] Your organisation has only { $limit } places left at this event.
}
delegation-places = Your organisation holds { $count } of its { $limit } places at this event.
delegation-no-places = Your organisation's places at this event are all taken. Cancel one of them to register someone else, or ask the organiser for more.
delegation-badge = Delegation
delegation-entered-by = Registered by (delegation)
mine-help = Registrations made with { $email }, at every event. Each opens its own page: status, ticket, sessions and matchmaking.
mine-none = No registration was made with this address yet.
mine-invited = Invitations waiting for you
mine-coming = Coming
mine-past = Past
mail-links-subject = Your registration links
mail-links-invited = Invitation, not used yet (valid until { $expires })
mail-links-body =
    Hello,

    The links of the registrations made with this e-mail address, and of the invitations to it still waiting, were asked for:

    { $lines }

    Each link is personal: it opens your registration, your ticket and your meetings. Do not pass it on. If you did not ask for this mail, you can ignore it.

    — Baylink, for the Shenzhen–Hong Kong–Macao Science and Technology Alliance
waiting-list = on the waiting list; you will get a seat automatically, in order, when one frees
waiting-position = { $count ->
    [one] You are next on the waiting list.
   *[other] You are number { $count } on the waiting list.
}
checked-in = Checked in
ticket = Ticket
ticket-hint = Show this code at the door. It can be checked without a network.
confirm-cancel = Cancel this registration? Your seat goes to the next person waiting.
cancel-registration = Cancel my registration
check-in = Check-in
find-participant = Find a participant
scan-camera = Scan with the camera
ticket-code = Ticket code
checkin-ok = Welcome:
checkin-again = Already checked in:
checkin-queued = Ticket valid; recorded on this phone and sent when back online.
checkin-pending = { $count } check-ins waiting to be sent
offline = Offline
online = Online
no-camera = This phone cannot scan here; type the code or find the name below.
event-kind-annual-conference = Annual conference
event-kind-forum = Forum
event-kind-seminar = Seminar
event-kind-visit = Visit
event-kind-exchange = Exchange
event-kind-roadshow = Roadshow
event-kind-matchmaking = Matchmaking session
event-kind-ceremony = Ceremony
event-role-host = Host
event-role-organiser = Organiser
event-role-co-organiser = Co-organiser
event-role-supporter = Supporter
event-role-guide = Guidance
session-kind-main = Main session
session-kind-forum = Parallel forum
session-kind-other = Session
item-kind-address = Address
item-kind-report = Report
item-kind-keynote = Keynote
item-kind-talk = Talk
item-kind-panel = Panel
item-kind-ceremony = Ceremony
item-kind-release = Release
reg-status-confirmed = Confirmed
reg-status-waiting = Waiting list
reg-status-pending = Awaiting approval
reg-status-cancelled = Cancelled
reg-status-declined = Not approved
err-registration-closed = Registration for this event is closed.
err-already-registered = This e-mail address is already registered for this event.
err-already-cancelled = This registration is already cancelled.
err-consent-required = Please agree to the privacy notice to register.
err-not-confirmed = This registration has no confirmed seat.
err-ticket-handed-on = This ticket's place was handed on to someone else: ask for the new holder's own ticket.
err-not-pending = This registration is not awaiting approval.
err-capacity-below-confirmed = More people are already confirmed than this capacity.
err-ticket-invalid = Not a valid ticket: forged, altered or unreadable.
err-ticket-other-event = This ticket is for another event.
mail-event-reminder-subject = Reminder: { $event }, { $when }
mail-event-reminder-body =
    Dear { $name },

    A reminder that { $event } starts { $when } (Hong Kong time), at { $place }.

    Your ticket, to show at the door, and the link to cancel if you can no longer come, so that someone on the waiting list may take your seat:
    { $link }

    — Baylink, for the Shenzhen–Hong Kong–Macao Science and Technology Alliance
mail-event-reminder-body-no-place =
    Dear { $name },

    A reminder that { $event } starts { $when } (Hong Kong time).

    Your ticket, to show at the door, and the link to cancel if you can no longer come, so that someone on the waiting list may take your seat:
    { $link }

    — Baylink, for the Shenzhen–Hong Kong–Macao Science and Technology Alliance
mail-confirmed-subject = Registration confirmed: { $event }
mail-waiting-subject = On the waiting list: { $event }
mail-pending-subject = Registration received, awaiting approval: { $event }
mail-declined-subject = Registration not approved: { $event }
mail-promoted-subject = A seat is yours: { $event }
mail-cancelled-subject = Registration cancelled: { $event }
mail-transfer-in-subject = { $other } handed you their place: { $event }
mail-transfer-in-body =
    Dear { $name },

    { $other } handed you their place at { $event } ({ $when }, Hong Kong time). Your registration is now: { $status }.

    Your ticket, and the link to cancel if you cannot come:
    { $link }{ $answers }

    Keep this link to yourself: it is your ticket.

    — Baylink, for the Shenzhen–Hong Kong–Macao Science and Technology Alliance
mail-transfer-out-subject = Your place went to { $other }: { $event }
mail-transfer-out-body =
    Dear { $name },

    As asked, your place at { $event } ({ $when }, Hong Kong time) is now { $other }'s. They get their own ticket by mail; yours admits nobody any more.

    Your registration's page:
    { $link }

    — Baylink, for the Shenzhen–Hong Kong–Macao Science and Technology Alliance
mail-transfer-in-meetings = The place's 1:1 meetings ({ $count }) and meeting requests are yours now, as they were; the other sides have been told.{ $lines }

    Your matchmaking page: { $link }
mail-mm-handed-on-subject = Your meeting is now with { $other }: { $event }
mail-mm-handed-on-body =
    Dear { $name },

    { $before } handed their place at { $event } to a colleague: { $other }. Your 1:1 meeting, or the request between you, stays as it was, now with { $other }.

    Your page: { $link }
mail-mm-handed-on-placed-body =
    Dear { $name },

    { $before } handed their place at { $event } to a colleague: { $other }. Your 1:1 meeting stays at the same time and table, now with { $other }:

    { $place }

    Your agenda: { $link }
transfer-title = Send someone else in my place
transfer-link = Can't come? Send a colleague in your place
transfer-help = Your seat, and your places in the forums or on the waiting list, go to the person you name here: they get their own ticket and link by mail, and yours admits nobody any more. Your 1:1 meetings and meeting requests go with the place to a colleague of your organisation (the other sides are told); for anyone else they are cancelled.
transfer-help-staff = The seat of { $name }, and their places in the forums or on the waiting list, go to the person named here, who gets their own ticket and link by mail. Their 1:1 meetings and meeting requests go with the place when that person is of the same organisation, and are cancelled otherwise, unless you choose below.
transfer-meetings-held = This place holds { $count ->
    [one] one 1:1 meeting
   *[other] { $count } 1:1 meetings
}{ $limit ->
    [0] {""}
    [one] {" "}and one meeting request waiting for an answer
   *[other] {" "}and { $limit } meeting requests waiting for an answer
}.
transfer-meetings = Their 1:1 meetings and meeting requests
transfer-meetings-auto = go with the place to someone of the same organisation, else are cancelled
transfer-meetings-keep = go with the place
transfer-meetings-cancel = are cancelled
transfer-name = Their name
transfer-email = Their e-mail address
transfer-locale = Language of their mail
transfer-consent = I confirm that they agreed to come in this place and to the privacy notice.
transfer-what-happens = This cannot be undone from this page.
transfer-submit = Hand on the place
transferred-to = Your place went to { $name }, who has their own ticket.
transferred-badge = handed on
transferred-badge-to = handed to { $name }
transferred-badge-from = in place of { $name }
err-transfer-not-possible = Only a confirmed registration, or one on the waiting list, can be handed on.
err-transfer-checked-in = This registration has been checked in; its place cannot be handed on.
err-transfer-too-late = The event has started; places can no longer be handed on.
err-transfer-organiser-only = The organiser approved or invited this person by name: ask the organiser to hand on the place.
err-transfer-same-person = Give the address of the person who comes instead of you.
mail-body =
    Dear { $name },

    Your registration for { $event } ({ $when }, Hong Kong time) is now: { $status }.

    Your ticket, and the link to cancel if you cannot come:
    { $link }{ $answers }

    Keep this link to yourself: it is your ticket.

    — Baylink, for the Shenzhen–Hong Kong–Macao Science and Technology Alliance
new-event = New event
edit-event = Edit event
manage-event = Manage event
add-role = Add an organiser
add-guest = Add a guest of honour
add-session = Add a session
add-item = Add a programme item
field-title-event = Title
field-venue-en = Venue in English
field-starts = Starts
field-ends = Ends
field-capacity = Seats (empty for no limit)
field-reminders-off = No reminder mail to registrants before the event
field-transfers-off = Holders may not hand their place to someone else (staff still can)
field-delegation-quota = Places per member organisation (delegations; empty for no limit)
organisation-places = Places per organisation (delegations)
organisation-places-help = Give one member organisation more or fewer places than the event's number per organisation; leave the number empty to give it the event's number again.
organisation-places-reset = The event's number
organisation-places-default = { $count ->
    [one] The event's number: one place per organisation.
   *[other] The event's number: { $count } places per organisation.
}
field-places = Places
delegation-quota-hint = How many people the representatives of one member organisation may register through the delegation form. Empty for no limit beyond the seats, 0 for no delegations; a cancelled registration frees its place.
field-requires-approval = Registrations need approval
field-theme = Theme
field-room = Room
field-session = Session
field-speaker = Speaker
field-title-at-time = Title at the time
field-order = Order
announcement-queued = { $count } messages queued; they go out as the mail server takes them.
badges = Badges
write-to-registrants = Write to the registrants
recipients = To
all-registrants = Everyone registered
field-subject = Subject
field-message = Message
send = Send
print = Print
mail-invitation-subject = Invitation: { $event }
mail-invitation-body =
    Dear { $name },

    You are invited to { $event } ({ $when }, Hong Kong time).
    Register with your personal link before { $expires }:
    { $link }

    — Baylink, for the Shenzhen–Hong Kong–Macao Science and Technology Alliance
invitation-title = Your invitation
invite = Invite
invitations = Invitations
field-expires = Valid until
invitation-used = used
err-invitation-expired = This invitation has expired. Please ask the organiser for a new one.
err-invitation-used = This invitation has already been used.
err-already-invited = This address has already been invited to this event.
cancel-registration-staff = Cancel
move-session = Move to another session
change-session = Change session
change-session-help = Move from one session to another (one parallel forum for another), or leave "From" at (none) to join one more. If the new session is full you go on its waiting list; your seat in the one you leave goes to the next on its list.
change-session-confirm = Change session? Your seat in the session you leave goes to the next on its waiting list.
err-event-over = This event is over.
move-from = From
move-to = To
move = Move
err-already-in-session = Already in that session.
field-organiser = Organiser
filter-any-organiser = Any organiser
registration-fields = Registration form
ask = Ask
require = Require
invitee-sheet = Invitee list (XLSX or CSV: name, email, locale)
invitee-sheet-hint = Every row is checked first; if any is wrong, nobody is invited.
invite-all = Invite them
invitations-sent = { $count } invitations queued.
import-rejected = Nobody was invited: correct these rows and upload the list again.
line-number = Line { $line }
err-bad-sheet = The file could not be read as a spreadsheet with name and email columns.
delete-event-registrations = { $count } registrations, with their tickets, will be removed.
add-milestone = Add to the history
field-text-en = In English
show-original = Original
regional-terms-on = Regional terms: on
regional-terms-off = Regional terms: off
regional-terms-help = Show descriptions with the vocabulary of your region (信息技术 ↔ 資訊科技); names always stay as written.
err-busy = Many people are using Baylink right now and nothing was saved. Please try again in a few seconds.
err-unwritable = Not saved: the server cannot store anything right now (its storage is full or failing), so nothing of this was kept. It has been logged for the operators; please try again later.
search = Search
search-placeholder = Search events, people, organisations…
search-kind = Kind
search-kind-all = All kinds
search-region-all = All regions
search-field = Field
search-field-all = All fields
search-year = Year
search-none = Nothing found. Try fewer words, or another script: every script finds the same records.
search-found-further = Found further in its text or in its files:
search-count = { $count ->
    [one] One result
   *[other] { $count } results
}
search-kind-event = Events
search-kind-item = Programme items
search-kind-organisation = Organisations
search-kind-person = People
search-kind-posting = Supply and demand
search-kind-publication = Publications
search-field-it = Information technology
search-field-ai = Artificial intelligence
search-field-comms = Communications
search-field-semi = Semiconductors, energy and manufacturing
search-field-bio = Biomedicine and TCM
search-field-finance = Finance and IP
search-field-edu = Education and research
search-field-gov = Government and cross-border affairs

## Matchmaking (項目對接)
mm-status-open = Taking requests
mm-status-scheduled = Schedule drafted
mm-status-published = Schedule published
mm-request-pending = Waiting for an answer
mm-request-accepted = Accepted
mm-request-declined = Declined
mm-request-expired = Expired
mm-request-cancelled = Cancelled
mm-outcome-not-held = Did not take place
mm-outcome-insufficient-interest = Insufficient interest
mm-outcome-informative = Informative, no cooperation planned
mm-outcome-cooperation-possible = Cooperation possible
err-mm-minutes = A meeting lasts from 5 to 240 minutes.
err-mm-max-requests = The limit of requests per participant is from 1 to 200.
err-mm-accept-before-request = The answer deadline cannot be before the request deadline.
err-mm-priority = Choose a priority from 1 to 3.
err-mm-slot-order = A slot must end after it starts.
err-mm-slots-none = No meeting fits between these times.
err-mm-slots-too-many = At most 120 slots can be added at once.
err-mm-slot-length = A meeting lasts 5 to 240 minutes, and a pause 0 to 240 minutes.
err-mm-slot-in-use = A meeting is placed in this slot: move or cancel it first.
err-mm-table-in-use = A meeting is placed at this table: move or cancel it first.
err-mm-table-count = Add from 1 to 200 tables at once.
err-mm-reserved-one = A reserved table is added one at a time.
err-mm-slot-overlap = This slot overlaps another meeting slot.
err-mm-table-label = Give the table a name of up to 40 characters.
err-mm-not-participant = Only confirmed participants of this event take part in matchmaking.
err-mm-self = You cannot ask yourself for a meeting.
err-mm-duplicate = There is already a request between you and this participant.
err-mm-pair-taken = These two already have a request or a meeting with each other.
err-mm-limit = You have reached the number of open requests allowed.
err-mm-request-closed = The deadline for meeting requests has passed.
err-mm-accept-closed = The deadline for answering requests has passed.
err-mm-no-self-booking = Slots are chosen by the organiser at this event.
err-mm-slot-taken = One of you is away or has another meeting at that time: choose another slot.
err-mm-cannot-move = Only an accepted meeting that has not taken place can be moved.
err-mm-slot-past = That time has passed: choose a slot still to come.
err-mm-slot-full = Every table is taken at that time: choose another slot.
err-mm-not-pending = This request has already been answered.
err-mm-schedule-changed = The requests changed while the schedule was being made; schedule again.
err-mm-not-published = The schedule is not published.
err-mm-nothing-to-publish = There is no schedule to publish yet.
err-mm-not-scheduled = This meeting has no slot yet.
err-mm-no-cooperation = No cooperation has been started after this meeting: either side first says that cooperation is possible.
mm-title = Project matchmaking
mm-accepted-count = Accepted meetings
mm-unplaced = Without a slot
mm-settings = Settings
mm-meeting-minutes = Meeting length (minutes)
mm-max-requests = Open requests per participant
mm-request-deadline = Requests until
mm-accept-deadline = Answers until
mm-slots = Meeting slots
mm-tables = Tables
mm-table = Table
mm-table-label = Table name
mm-reserved-for = Reserved for
mm-slot-length = Each meeting (minutes)
mm-slot-pause = Pause between meetings (minutes)
mm-slots-help = Slots are made from the start to the end, one meeting long each, with the pause between them. Without a length, the whole span is one slot.
mm-slot-count = { $count ->
    [one] One slot
   *[other] { $count } slots
}
mm-table-count = How many
mm-tables-help = Several tables are numbered on from the name: “A1” and 3 give A1, A2 and A3; “Table” and 3 give Table 1 to Table 3; no name gives 1, 2, 3.
mm-requests = Meeting requests
mm-stats-met = Participants with at least one accepted meeting
mm-stats-online = Taking part online
mm-stats-across = Accepted meetings across regions (of those whose regions are known)
mm-stats-research = Accepted meetings of a university or institute with a company (of those whose kinds are known)
mm-stats-per-participant = Accepted meetings per participant with any
mm-from = From
mm-to = To
mm-priority = Priority
mm-schedule = Schedule
mm-unpublish = Take the schedule back to a draft
mm-unpublish-confirm = Take the schedule back? Participants no longer see it until you publish again; then everyone gets their agenda anew.
mm-publish = Publish
mm-grid = Slots and tables
mm-agenda = Your meetings
mm-record-outcome = Record the outcome
mm-comment = Comment for the organisers (optional)
mm-comments = Comments on the meetings
mm-with = with
mm-comment-from = Comment, by the requester
mm-comment-to = Comment, by the counterpart
mm-incoming = Requests to you
mm-none-incoming = No request is waiting for your answer.
mm-none-sent = You have not asked anyone for a meeting yet.
mm-accept = Accept
mm-decline = Decline
mm-send = Request a meeting
mm-message = Message
mm-sent = Your requests
mm-away = Slots you are away
mm-open-matchmaking = Project matchmaking: request and schedule 1:1 meetings
err-mm-no-slots = Add meeting slots and tables before scheduling.
mm-add-to-calendar = Add to your calendar (iCalendar)
mm-print = Print
mm-cancel = Cancel
mm-cancel-confirm = Cancel this meeting? The other side is told by mail.
mm-received = Requests you answered
err-mm-cannot-cancel = Only a request you sent that is still waiting, or an accepted meeting, can be cancelled.
err-mm-cancel-begun = That meeting's time has come, so it can no longer be cancelled: tell how it went instead ("did not take place", if so).
mm-outcomes = Outcomes
mm-outcomes-help = One answer per meeting: not held if either side says so, otherwise the better of the two sides' answers. Meetings neither side has answered for are not counted below.
mm-outcomes-scheduled = Meetings in the schedule
mm-coop = Cooperation
mm-coop-ask = { $count ->
    [one] Ask both sides of the cooperation still open where it stands
   *[other] Ask both sides of the { $count } cooperations still open where they stand
}
mm-coop-across = Agreements signed across regions (of those whose regions are known)
mm-coop-head = Cooperation after the meetings
mm-coop-help = A meeting enters here when either side says cooperation is possible; either side, or you as they tell you, moves it on to an agreement signed, implemented, or closed. Meetings requested from an introduction move that introduction instead. Signed counts agreements since implemented or closed too.
err-mm-not-cancellable = Only a request still waiting for an answer, or an accepted meeting not yet held, can be cancelled.
mm-cancel-confirm-organiser = Cancel this meeting? Both sides are told by mail.
personal-data = Your personal data
personal-data-export = Download what we hold about this registration (JSON)
correct-details = Correct your details
correct-details-email = Your e-mail address stays as it is: your links and mails go to it. To use another one, cancel and register again.
correct-details-organisation = The organisation, its region and its type stay your organisation's.
err-registration-not-correctable = A cancelled, declined or erased registration cannot be changed.
delegation-correct = Correct details
back = Back
personal-data-erase = Erase my personal data
personal-data-erase-confirm = Erase your name, e-mail and other details? Your registration and your meetings are cancelled, and this cannot be undone.
personal-data-erased = Your personal data has been erased; this registration is cancelled.
erased-name = A participant (personal data erased)
my-data = A copy of what is held about your account
erase-account = Erase personal data
erase-account-confirm = Erase this account's name, address and password for good? It can no longer sign in. What it wrote for its organisation stays.
erase-account-help = On its holder's request (PIPL, PDPO, Macao PDPA): the name, address, password, sessions and the messages of its expressions of interest are erased, and its name leaves the audit log; its postings and notes stay with the organisation.
account-erased = An account (personal data erased)
err-erase-self = You cannot erase your own account; another admin can.
personal-data-erase-staff = Erase personal data
personal-data-erase-staff-confirm = Erase this participant's name, e-mail and other details at their request? Their registration and meetings are cancelled; this cannot be undone.
mm-who-org = { $name } ({ $organisation })
mail-mm-quote = “{ $message }”
mail-mm-answer-by = Please answer by { $date } (Hong Kong time); a request not answered by then expires.
mm-messages = Messages
mm-messages-unread = { $count ->
    [one] 1 new
   *[other] { $count } new
}
mm-messages-title = Messages about a meeting
mm-messages-help = Only you and the other side read these messages (not the organisers), each in your own script. The other side is told by mail if they have not read a message ten minutes after it was sent.
mm-messages-none = No messages yet: ask which table, say you will be late, or agree on a language.
mm-message-new = Your message
mm-message-send = Send
mm-message-erased = (removed with its author's personal data)
err-messages-closed = This request is closed (declined, cancelled or expired): it takes no more messages.
err-too-many-messages = This conversation holds as many messages as it can: better to meet and talk.
mail-mm-message-subject = { $other } wrote to you about your meeting at { $event }
mail-mm-message-body =
    Dear { $name },

    { $other } wrote to you about your 1:1 meeting at { $event }:
    { $message }
    Read and reply on your page: { $thread }
mail-mm-request-subject = { $other } asks to meet you at { $event }
mail-mm-request-body =
    Dear { $name },

    { $other } asks for a 1:1 meeting with you at { $event }.
    { $message }
    Accept or decline on your page: { $link }
    { $deadline }
mail-mm-auto-subject = A meeting with { $other } at { $event }
mail-mm-auto-body =
    Dear { $name },

    { $other } asked for a 1:1 meeting with you at { $event }. At this event requests are accepted on arrival, so the meeting is on your list.
    { $message }
    If you cannot meet them, cancel it on your page: { $link }
mail-mm-booked-subject = Meeting booked: { $other }, { $event }
mail-mm-booked-body =
    Dear { $name },

    { $other } accepted your request for a 1:1 meeting at { $event }, at this time and table:

    { $place }

    It is on your agenda: { $link }
mail-mm-slot-booked-body =
    Dear { $name },

    { $other } booked a time and table for your 1:1 meeting at { $event }:

    { $place }

    It is on your agenda: { $link }
mail-mm-moved-subject = Meeting moved: { $other }, { $event }
mail-mm-moved-body =
    Dear { $name },

    { $other } moved your 1:1 meeting at { $event } to this time and table:

    { $place }

    Your agenda: { $link }
mail-mm-coop-ask-subject = Where does your cooperation stand? { $other }, { $event }
mail-mm-coop-ask-body =
    Dear { $name },

    After your 1:1 meeting with { $other } at { $event }, your cooperation stands at: { $stage }.
    The organisers would like to know where it has got to since: an agreement signed (and of what kind), implemented, or ended. One click on your page tells them: { $link }
mail-mm-coop-subject = Cooperation after your meeting: { $stage }, { $other }
mail-mm-coop-body =
    Dear { $name },

    { $other } recorded where your 1:1 meeting at { $event } has led: { $stage }.
    { $note }
    Where it stands, and how to move it on: { $link }
mail-mm-coop-organiser-body =
    Dear { $name },

    The organisers of { $event } recorded where your 1:1 meeting with { $other } has led: { $stage }.
    { $note }
    Where it stands, and how to move it on: { $link }
mail-mm-coop-back-body =
    Dear { $name },

    { $other } took back the last step recorded of where your 1:1 meeting at { $event } has led; it stands at: { $stage }.
    { $note }
    Where it stands, and how to move it on: { $link }
mail-mm-coop-back-organiser-body =
    Dear { $name },

    The organisers of { $event } took back the last step recorded of where your 1:1 meeting with { $other } has led; it stands at: { $stage }.
    { $note }
    Where it stands, and how to move it on: { $link }
mail-mm-arranged-subject = Meeting arranged for you: { $other }, { $event }
mail-mm-arranged-body =
    Dear { $name },

    The organisers of { $event } have arranged a 1:1 meeting for you with { $other }.
    { $message }
    Its time and table come with your agenda, by mail and on your page: { $link }
mail-mm-accepted-subject = Meeting accepted: { $other }, { $event }
mail-mm-accepted-body =
    Dear { $name },

    { $other } accepted your request for a 1:1 meeting at { $event }. Once the organisers publish the schedule, the meeting is on your agenda with its time and table, and the agenda comes by mail.

    Your page: { $link }
mail-mm-declined-subject = Meeting declined: { $other }, { $event }
mail-mm-declined-body =
    Dear { $name },

    { $other } declined your request for a 1:1 meeting at { $event }. You may ask other participants on your page: { $link }
mail-mm-cancelled-subject = Meeting cancelled: { $other }, { $event }
mail-mm-cancelled-body =
    Dear { $name },

    { $other } cancelled the 1:1 meeting with you at { $event }. Your page shows your meetings as they now stand: { $link }
mail-mm-digest-subject = Your meeting requests of the day: { $event }
mail-mm-reminder-subject = Meeting requests waiting for your answer: { $event }
mail-mm-reminder-body =
    Dear { $name },

    These participants of { $event } asked for a 1:1 meeting with you and are waiting for your answer:

    { $lines }

    Accept or decline on your page: { $link }
    { $deadline }
mail-mm-followup-subject = How did your meetings go? { $event }
mail-mm-followup-body =
    Dear { $name },

    Please tell the organisers of { $event } what came of these 1:1 meetings (it takes a click each: did not take place, insufficient interest, informative, or cooperation possible):

    { $lines }

    Your page: { $link }
mm-remind = { $count ->
    [one] Remind the participant who has requests waiting for an answer
   *[other] Remind the { $count } participants who have requests waiting for an answer
}
mm-nudge = { $count ->
    [one] Invite the participant with no meeting yet to book one
   *[other] Invite the { $count } participants with no meeting yet to book one
}
mm-followup = { $count ->
    [one] Ask the one participant who has not told how a meeting went
   *[other] Ask the { $count } participants who have not told how their meetings went
}
mail-mm-request-by = Requests can be sent until { $date } (Hong Kong time).
mail-mm-nudge-subject = Book your 1:1 meetings at { $event }
mail-mm-nudge-body =
    Dear { $name },

    You have no 1:1 meeting at { $event } yet. Your page lists the other participants, suggests the organisations whose offers and needs answer those of yours, and lets you ask them for a meeting: { $link }
    { $deadline }
mail-mm-cancelled-by-organiser-subject = Meeting cancelled by the organisers: { $other }, { $event }
mail-mm-cancelled-by-organiser-body =
    Dear { $name },

    The organisers of { $event } cancelled your 1:1 meeting (or request) with { $other }. Your page shows your meetings as they now stand: { $link }
mail-mm-withdrawn-subject = Meeting request withdrawn: { $other }, { $event }
mail-mm-withdrawn-body =
    Dear { $name },

    { $other } withdrew their request for a 1:1 meeting with you at { $event }; there is nothing for you to answer. Your page: { $link }
mail-agenda-subject = Your matchmaking meetings at { $event }
mail-agenda-body =
    Dear { $name },

    Your project matchmaking meetings at { $event }:

    { $agenda }

    Your page, with the agenda for your calendar: { $link }
mail-mm-unpublished-subject = Meeting schedule withdrawn for changes: { $event }
mail-mm-unpublished-body =
    Dear { $name },

    The organisers of { $event } have withdrawn the schedule of the 1:1 meetings to change it. The times and tables you were sent no longer hold; you will receive your new agenda by mail once it is published.

    Your page: { $link }
mail-mm-today-subject = Your meetings today at { $event }
mail-mm-today-body =
    Dear { $name },

    Your project matchmaking meetings at { $event } today:

    { $agenda }

    Your page, with the whole agenda: { $link }
err-mm-not-accepted = Only accepted requests have a place in the schedule.
mm-conflicts = This schedule breaks rules:
mm-conflict-busy = In two places at once
mm-conflict-table = Table used twice
mm-conflict-away = Away in this slot
mm-conflict-reserved = At a booth reserved for someone else
mm-why-no-session-slot = The event has no meeting slot in the half-day it asks for
mm-why-no-common-slot = No meeting slot in its half-day when both sides are present
mm-why-too-many = { $name } has more accepted meetings than slots they are present for
mm-why-full = The slots and tables went to other meetings (higher priority, or fewer possible slots)
mm-unscheduled = Accepted, but not in the schedule
mm-unscheduled-line = { $name } ({ $reason })
mm-place = Slot and table
mm-locked = Locked
mm-move = Move
mm-table-cards = Printable table cards
mm-printed-agendas = Printable agendas, one page per participant
mm-printed-agendas-none = No participant has a meeting with a time and a table yet.
mm-col-when = Time
mm-col-with = Meeting with
mm-from-org = Requester's organisation
mm-to-org = Counterpart's organisation
mm-outcome-from = Outcome, as the requester says
mm-outcome-to = Outcome, as the counterpart says
mm-export = The meetings as a spreadsheet
mm-participants-export = Where each participant stands, as a spreadsheet

# Supply and demand (供需對接)
nav-market = Supply & demand
market-intro = Offers and needs from the alliance's members: technologies, research cooperation, overseas agency, investment, talent and projects. Written in any script, shown in yours.
market-new = New posting
market-edit = Edit posting
market-mine = My postings and introductions
market-save = Save this posting
market-saved = Saved
market-unsave = Remove from saved
market-saved-postings = Saved postings
market-no-saved = Nothing saved yet: save a posting from its page to find it here.
market-saved-by = { $count ->
    [0] No reader has saved it yet.
    [one] One reader saved it.
   *[other] { $count } readers saved it.
}
market-review = Review postings
market-funnel = Cooperation funnel
market-form-help = The secretariat reviews every posting before it is public. Contact details are shown only to the other side of an accepted introduction.
market-contact-erased = Removed at the person's request; the organisation gives another when it next edits this posting.
market-contact-help = Private: shown to staff and, after you accept an interest, to that party only.
market-submit = Submit for review
market-at-event = At event
market-expired = Expired
market-returned-because = Returned:
market-withdraw = Withdraw
market-review-note = Note (required to return)
market-approve = Approve and publish
market-return = Return to owner
market-your-interest = Your interest
market-open-introduction = Open the introduction
market-interest-message = Why are you interested? (shown to the owner)
market-express-interest = Express interest
market-sign-in-to-interest = to express interest.
market-interests = Interest received
market-no-interests = None yet.
market-recommended = Recommended counterparts
market-recommended-help = Needs for an offer and offers for a need, whatever script or language they were written in, with the reasons.
market-recommended-for-you = Recommended for you
market-no-recommendations = No counterparts yet.
market-score = Match score (0–100)
market-introduction = Introduction
market-stage = Stage
market-agreement = Agreement
market-close-reason = Reason for closing
market-interested = Interested party
market-owner-contact = Owner's contact
market-contact-after-accept = Shown once the owner accepts.
market-move = Move along the pipeline
market-note = Note
market-meet = Meet at an event
market-request-meeting = Request a 1:1 meeting
market-history = History
market-my-postings = My organisation's postings
market-no-postings = No postings yet.
market-no-org = Postings are published for a member organisation, and this account speaks for none. The secretariat can link it to yours; meanwhile you can show interest in others' postings.
market-received = Interest in our postings
market-sent = Interest I expressed
market-pending = Waiting for review
market-none-pending = Nothing waiting.
market-expiring = Expiring within 30 days
market-none-expiring = Nothing expiring.
market-remind = Remind the owner
market-reminded = reminded
field-kind = Kind
field-offer-need = Offer or need
field-sectors = Fields
field-stage = Stage
field-modes = Cooperation modes
field-target-regions = Partners wanted in
field-ip = Intellectual property
field-contact = Contact
field-summary = Summary
field-shown-until = Shown until
filter-any-side = Offers and needs
filter-any-sector = Any field
filter-any-stage = Any stage
filter-any-mode = Any mode
side-offer = offer
side-need = need
kind-technology = Technology
kind-research = Research cooperation (產學研)
kind-agency = Overseas-expansion agency (出海代理)
kind-investment = Investment
kind-talent = Talent
kind-project = Project
sector-comms = 6G / communications
sector-ai = Artificial intelligence
sector-iot = Internet of Things
sector-low-altitude = Low-altitude economy
sector-biomedicine = Biomedicine and TCM
sector-new-energy = New energy
sector-manufacturing = Advanced manufacturing
sector-fintech = Fintech
sector-education = Education
sector-semiconductors = Semiconductors
sector-digital = Digital economy and software
sector-cybersecurity = Cybersecurity
sector-smart-city = Smart city
sector-materials = New materials
stage-concept = Concept
stage-prototype = Prototype
stage-pilot = Pilot
stage-production = Production
stage-market = On the market
mode-licensing = Licensing
mode-joint-development = Joint development
mode-consulting = Consulting
mode-investment = Investment
mode-agency = Agency
mode-joint-venture = Joint venture
mode-outsourcing = Contract R&D
mode-training = Training
ip-none = None
ip-patent-pending = Patent pending
ip-patent-granted = Patent granted
ip-software = Software copyright
ip-know-how = Know-how
posting-status-pending = Waiting for review
posting-status-published = Published
posting-status-returned = Returned
posting-status-withdrawn = Withdrawn
interest-pending = Waiting for the owner
interest-accepted = Accepted
interest-declined = Declined
pipeline-introduced = Introduced
pipeline-in-talks = In talks
pipeline-signed = Agreement signed
pipeline-implemented = Implemented
pipeline-closed = Closed
pipeline-back = Take it back
pipeline-back-to = Take the last move back (to “{ $stage }”)
pipeline-back-help = For a move recorded by mistake, or talks that resume after being closed. The history keeps both the move and why it was taken back, and the other side is told.
pipeline-back-reason = Why (required)
pipeline-taken-back = Last move taken back: “{ $stage }” again
err-pipeline-back-reason = Say why the last move is taken back.
err-pipeline-nothing-back = There is no move to take back: the cooperation is where it started.
agreement-licensing = Licensing
agreement-joint-rd = Joint R&D
agreement-agency = Agency
agreement-investment = Investment
agreement-joint-venture = Joint venture
agreement-consulting = Consulting
agreement-employment = Employment
agreement-other = Other
why-terms = Both say { $terms }
why-sectors = Same field: { $sectors }
why-kind = An offer for this need (or the other way round)
why-kind-related = A related kind of cooperation
why-academia-industry = University or institute with a company (產學研)
why-cross-border = Across Shenzhen, Hong Kong and Macao
why-target = Where the owner looks for partners
why-modes = Same cooperation mode: { $modes }
why-fresh = Posted in the last 30 days
funnel-help = Each introduction counts at every stage it has reached; signed includes implemented. Agreements by type count those after 1:1 meetings too.
funnel-total = All
funnel-interests = Interests
funnel-by-side = By side (the posting's organisation)
funnel-by-sector = By field
funnel-by-event = By event
funnel-by-meeting = After 1:1 meetings not requested from an introduction (by event; counted from when a side said cooperation is possible, not in the rows above)
funnel-agreements = Agreements by type
funnel-elsewhere = Mainland and overseas
mail-market-interest-subject = Interest in your posting: { $title }
mail-market-interest-body =
    Dear { $name },

    { $other } is interested in your posting “{ $title }”.
    { $message }
    Accept or decline on the posting's page; once you accept, each side sees the other's contact: { $link }
mail-market-accepted-subject = Your interest was accepted: { $title }
mail-market-accepted-body =
    Dear { $name },

    { $other } accepted your interest in “{ $title }”. The introduction gives each side the other's contact, and where the cooperation stands from now on: { $link }
mail-market-declined-subject = Your interest was declined: { $title }
mail-market-declined-body =
    Dear { $name },

    { $other } declined your interest in “{ $title }”. Other offers and needs may answer yours: { $link }
mail-market-stage-subject = Introduction: { $stage }, { $title }
mail-market-stage-body =
    Dear { $name },

    { $other } recorded where the introduction about “{ $title }” stands: { $stage }.
    { $note }
    Where it stands, and how to move it on: { $link }
mail-market-stage-back-body =
    Dear { $name },

    { $other } took back the last step recorded of the introduction about “{ $title }”; it stands at: { $stage }.
    { $note }
    Where it stands, and how to move it on: { $link }
mail-market-published-subject = Your posting is published: { $title }
mail-market-published-body =
    Dear { $name },

    The secretariat has published your posting “{ $title }”. Members now find it, and the platform recommends it to those whose offers and needs answer it: { $link }
mail-market-returned-subject = Your posting was returned: { $title }
mail-market-returned-body =
    Dear { $name },

    The secretariat has returned your posting “{ $title }” for a change before it is published:
    { $note }
    Edit it and submit it again here: { $link }
mail-expiry-subject = Your posting “{ $title }” expires on { $date }
mail-expiry-body = Your posting “{ $title }” on Baylink is shown until { $date }. To keep it up, change its date here: { $link }
err-market-not-your-org = You can post only for the organisation you represent.
err-market-unknown-tag = This value is not in the list.
err-market-no-sector = Choose at least one field.
err-market-expiry-past = The date has already passed.
err-market-expiry-far = At most { $limit } days ahead.
err-market-no-event = This event does not exist.
err-market-not-owner = Only the posting's owners and the secretariat can do this.
err-market-staff-only = Only the secretariat can do this.
err-market-return-reason = Say why the posting is returned.
err-market-withdrawn = This posting has been withdrawn.
err-market-nobody-to-remind = The posting has no owner with an account to remind.
err-market-own-posting = You cannot express interest in your own organisation's posting.
err-market-not-live = This posting is not open: it is waiting for review, withdrawn or expired.
err-market-interest-twice = You have already expressed interest in this posting.
err-market-already-decided = This interest has already been answered.
err-market-not-party = Only the two sides of the introduction and the secretariat can do this.
err-market-not-introduced = The owner has not accepted this interest.
err-market-stage-order = The pipeline only moves forward, and not on once closed or implemented; a move recorded by mistake can be taken back.
err-market-close-reason = Say why the introduction is closed.
err-market-no-shared-event = You are not both confirmed participants of an event with open matchmaking.
market-org-postings = Offers and needs of this organisation
market-event-postings = Offers and needs brought to this event
market-attachments = Attachments
market-attach = Attach a file
market-attach-help = PDF, pictures, Word, Excel or PowerPoint; at most 5 files of 5 MB each. Search finds the posting by the words of its PDF, Word, Excel and PowerPoint files.
market-upload = Upload
err-market-file-too-big = At most { $limit } MB per file.
err-market-file-type = Attach PDF, pictures, Word, Excel or PowerPoint files only.
err-market-too-many-files = At most { $limit } files per posting.
mm-session = Time of day
mm-session-any = Any time
mm-session-morning = Morning
mm-session-afternoon = Afternoon
mm-move-to = Move to
mm-move-meeting = Move the meeting
mm-rebook = It did not take place: book another time
mm-online = Online
mm-online-room-of = Online · { $name }
mm-online-title = Taking part online
mm-online-choice = I take part online: my meetings take place in a video room of my own
mm-online-your-room = Your room:
mm-video-url = Video service for online meetings (optional)
mm-video-url-help = Participants who take part from afar each get a room there (for example on a Jitsi server), and all their meetings take place in it.
err-mm-video-url = Give the address of the video service, starting with https://.
err-mm-no-online = This event has no online meetings.
err-mm-online-in-use = Meetings are placed in your online room: they must be moved or cancelled first.
err-mm-video-in-use = Meetings are placed in participants' online rooms: move or cancel them before turning the video service off.
mm-met-before = You met at { $event }
mm-met-before-outcome = You met at { $event }: { $outcome }
mm-met-before-org = Your organisation met theirs at { $event }
mm-met-before-org-outcome = Your organisation met theirs at { $event }: { $outcome }
mm-pick-slot = Slot
mm-slot-by-organiser = Let the organiser choose
mm-book = Book this slot
mm-self-booking = Participants pick the slot when they accept a request (meetings so booked are placed at a free table and kept when you schedule)
mm-auto-accept = Requests are accepted on arrival (the one asked is told, and may cancel the meeting)
mm-auto-note = At this event a request is accepted as it arrives: it is a meeting at once, which the other side may cancel.
mm-your-priority = Your priority
mm-weight = Weight (both priorities)
err-mm-session = Choose any time, morning or afternoon.
mm-scheduling = Scheduling…
mm-progress-meetings = meetings
mm-progress-best = fewest breaks found
mm-progress-bound = proved at least
err-mm-scheduling = A schedule for this event is already being computed; wait for it to finish.
mm-participants = Participants
mm-suggested = Suggested for you
mm-suggested-help = Organisations here whose offers and needs answer those of your organisation, as the supply and demand recommendations rank them, with their participants; then participants whose profiles answer yours.
mm-about-you = About you
mm-about-help = What you or your organisation offer, and what you look for (shown to the other participants, and used to suggest whom to meet)
mm-daily = One mail a day with the requests waiting for my answer, instead of one mail for each request
mm-languages = Languages I can meet in
mm-languages-head = Meeting languages
mm-lang-yue = Cantonese
mm-lang-cmn = Mandarin
mm-lang-en = English
mm-lang-pt = Portuguese
mm-speaks = Meets in { $languages }
mm-no-common-language = No language in common: an interpreter may be needed
mm-interpreter-count = Meetings without a language in common (an interpreter may be needed)
mm-filter-participants = Filter by name, organisation or place
mm-ask = Ask for a meeting
mm-pass = Not for me
mm-pass-help = Suggest this participant to me no more (you can still ask them for a meeting)
mm-passed = { $count ->
    [one] One participant is no longer suggested to you.
   *[other] { $count } participants are no longer suggested to you.
}
mm-unpass = Suggest them again
mm-arrange = Arrange a meeting
mm-arrange-help = For two participants who should meet: the meeting is accepted at once, both are told by mail, and it is scheduled like any other. It counts against neither side's limit of requests.
mm-arrange-with = With
mm-arrange-note = Note to both (optional)
mm-arranged = arranged by the organisers
mm-arranged-head = Arranged
mm-suggest-title = Whom to bring together
mm-suggest-help = Pick a participant to see whom the platform suggests they meet, as their own page shows it (from their organisation's offers and needs and their own words, across scripts), without those they already meet or ask, or said "not for me" of. One button arranges the meeting, with the reasons as its note; both are told by mail.
mm-suggest-show = Show suggestions
mm-suggest-none = Nothing to suggest: their organisation has posted nothing and they say nothing of themselves, or every match already meets them.
mm-suggest-idle = Participants with no meeting and no request yet
mm-standings = Where each participant stands
mm-standing-accepted = Accepted meetings
mm-standing-placed = With a time and table
mm-standing-asking = Own requests waiting
mm-standing-asked = Requests to answer
mm-standing-untold = Outcomes not told
mm-suggest-open = Whom to bring together: suggestions for each participant
mm-arrange-with-name = Arrange a meeting with { $name }
nav-reports = Work reports
report-title = { $side }: work report { $year }
report-whole-alliance = The whole alliance
report-side = Side
report-show = Show
report-help = Counted from Baylink's records as of now. Print this page, or save it as PDF from the browser's print dialogue, for the council's papers.
report-print = To print or save as PDF, use the browser's print command.
report-events-held = Events held
report-events-planned = Events still to come
report-events-planned-n = { $count ->
    [one] and one still to come
   *[other] and { $count } still to come
}
report-registered = Registered
report-attended = Checked in
report-attended-n = { $count } checked in
report-feedback = Feedback (of 5)
report-feedback-average = Feedback, averaging { $average } of 5
report-feedback-n = { $count ->
    [one] one reply
   *[other] { $count } replies
}
report-memberships = Memberships and designations awarded
report-awarded = Awarded
report-meetings = 1:1 meetings at the year's events
report-meetings-requested = Requested
report-meetings-accepted = Accepted
report-meetings-scheduled = Given a time and table
report-meetings-held = Meetings held
report-agreements = Agreements signed
report-agreements-after-meetings = after 1:1 meetings
report-agreements-after-postings = after supply-and-demand introductions
report-none = None this year.
report-by-month = Events held by month
report-month = { $month ->
    [1] January
    [2] February
    [3] March
    [4] April
    [5] May
    [6] June
    [7] July
    [8] August
    [9] September
    [10] October
    [11] November
   *[12] December
}
report-by-kind = Events by kind
report-series = Series (registered / checked in)
report-events = The year's events
report-col-kind = Kind
report-col-event = Event
report-col-section = Section
report-col-item = Item
report-col-count = Number
report-summary = Summary
report-planned = To come
report-rules = A side's report holds the events in its region and those its organisations hosted or organised (so the annual conference is in each host side's report); the memberships it awarded, or, where no side is recorded, those of organisations in its region; the 1:1 meetings at its events; and the agreements signed this year after a meeting at one of its events or after an introduction involving one of its organisations. Registered means a confirmed seat; a meeting was held when a side reported on it and neither said it did not take place. Hong Kong time.
err-report-year = Give a year from 2000 to 2100.
err-report-side = Unknown side: give sz, hk or mo, or leave it out for the whole alliance.
err-publication-orgs = Name at most { $limit } organisations.
publication-kind-whitepaper = Whitepaper
publication-kind-news = News
publication-kind-event-report = Event report
publication-kind-challenge = Challenge
nav-publications = Publications
publications-intro = Whitepapers, news, event reports and challenges of the alliance and its members.
new-publication = New publication
edit-publication = Edit publication
publication-draft = Draft
publication-deleted = The publication was deleted.
publication-kind = Kind
publication-date = Published on
publication-event = Event
publication-orgs = Organisations
publication-orgs-hint = The publisher first, then those behind it.
publication-url = Full text
publication-summary = Summary
publication-body = Text
publication-keep-draft = Keep as a draft (only staff see it)
publications-here = Publications
add-publication = Add a publication
report-versus = { $year }: { $count }
report-year-before = The year before ({ $year })
report-published = Published
field-reminder-hours = Hours before the start to remind registrants
reminder-hours-hint = From 3 to 168 (a week); empty: a day before.
err-reminder-hours = Give a number of hours from 3 to { $limit }.
org-publications = Its publications
report-versus-change = { $year }: { $count } ({ $change })
publication-files = Files
publication-file-add = Attach a file
publication-file-hint = PDF, pictures, Word, Excel or PowerPoint; at most 20 MB each, five files. Search finds a publication by the words of its PDF, Word, Excel and PowerPoint files.
file-searchable = searchable: { $count } characters read
file-not-searchable = not searchable: no words could be read (pictures are not read)
file-words-unread = its words are not read yet
publication-file-delete-confirm = Delete this file?
err-publication-too-many-files = At most { $limit } files per publication.
report-by-side = By side
report-by-side-note = An event two sides hosted counts in both, so the sides add up to more than the alliance.

## The organiser's own registration questions
add-question = Add a question to the registration form
add-question-help = Asked after the fields above, of everyone who registers (for a colleague a representative enters, the representative or the colleague answers later). For example: the number of a travel document for a visit across the border, which site visit to join, the dinner.
field-question = Question
field-question-kind = Answered with
field-question-options = Options, one per line (for a choice)
field-question-required = Must be answered
field-question-after-confirmation = Ask only once the seat is confirmed
question-after-confirmation-hint = Not on the registration form: those whose seat is confirmed (approved, or given a place from the waiting list) answer it on their registration page, as their confirmation mail asks them to. For what only those who will come need to give, such as a travel document's number for a visit.
question-after-confirmation = asked once the seat is confirmed
err-condition-after-confirmation = A question on the registration form cannot depend on one asked only once the seat is confirmed.
question-kind-text = A line of text
question-kind-choice = One of the options
question-kind-choices = Any of the options
question-kind-yes-no = Yes or no
registration-question = Registration question
question-required = must be answered
answer-yes = Yes
answer-no = No
questions-unanswered = The organiser asks questions you have not answered yet.
answer-questions = Answer them
err-question-options = Give at least two options, one per line.
err-too-many-options = At most { $limit } options.
err-too-many-questions = An event asks at most 10 questions of its own.
edit-question = Change a registration question
question-kind-fixed = How it is answered stays as it is; remove the question and add another to change it.
question-options-kept = Options someone chose stay; others may be reworded, added or removed.
err-question-kind-fixed = How a question is answered cannot be changed.
err-option-in-use = An option someone chose cannot be removed or reworded.
mail-answers = Your answers to the organiser's questions:
mail-questions-unanswered = The organiser asks questions you have not answered yet; answer them on the page at the link above.
mail-answer-line = { $question }: { $answer }
move-up = Move up
confirm-remove-question = Remove this question, and every answer given to it?
field-retention-days = Days after the event to keep registrants' personal data
retention-days-hint = From 1 to 3650 (ten years); empty: kept until each registrant erases it. Then names, addresses, phones, answers and messages are erased; the counts by region and organisation type, and who came, stay for the reports.
err-retention-days = Give a number of days from 1 to { $limit }.
retention-note = The organiser keeps your registration details until { $date } ({ $days ->
    [one] a day
   *[other] { $days } days
} after the event), then erases them. You may erase them sooner on your registration page.
retention-note-staff = Registrants' personal data is erased on { $date }, { $days ->
    [one] a day
   *[other] { $days } days
} after the event; the counts stay.
retention-done-staff = Registrants' personal data was erased on { $date }, { $days ->
    [one] a day
   *[other] { $days } days
} after the event; the counts stay.
field-answer-retention = Days after the event to keep the answers
answer-retention-hint = 0: deleted once the event is over (a travel document's number); empty: kept as long as the registration.
err-answer-retention-days = Give a number of days from 0 to { $limit }.
answer-retention = { $days ->
    [0] Your answer is deleted once the event is over.
    [one] Your answer is deleted a day after the event.
   *[other] Your answer is deleted { $days } days after the event.
}
field-shown-if = Ask only when
shown-always = Always
shown-if-choice = { $question }: { $answer }
shown-if-note = asked only when “{ $question }” is answered “{ $answer }”
err-condition-question = Choose an earlier question that has options.
err-question-before-condition = A question cannot come before the question it depends on.
event-managers = Event managers
event-managers-help = Accounts that run this event's registrations and door without being secretariat staff (the member organisation organising it): registrations, approvals, corrections, erasures on request, check-in, invitations, announcements, badges, exports and its project matchmaking. Not the programme, nor the directory.
field-manager-email = Account's sign-in e-mail
err-no-such-account = No account signs in with this address; an administrator creates it first.
mine-managed = Events you manage
roster = Roster
roster-seated = { $count } with a seat
roster-waiting = { $count } waiting
roster-came = { $count } came
roster-ratings = { $count ->
    [one] one rating
   *[other] { $count } ratings
}
mine-forums = Forums your organisation organises
all-statuses = All statuses
mail-approvals-subject = { $count ->
    [one] A registration awaits
   *[other] { $count } registrations await
} your approval: { $event }
mail-approvals-body =
    Hello,

    { $count ->
        [one] A registration for “{ $event }” awaits
       *[other] { $count } registrations for “{ $event }” await
    } your approval (you manage the event). Approve or decline them here:
    { $link }

    You are told at most once an hour, and only of new ones.

    — Baylink, for the Shenzhen–Hong Kong–Macao Science and Technology Alliance
copy-event = Copy this event
copy-event-help = For the next event of a series or next year's conference: its details and settings are copied to the day you choose (and, for several copies, every so many weeks or months after it), every time keeping its hour; registration stays closed until you open it. Registrations, invitations, guests of honour and matchmaking requests are not copied.
field-copy-date = The copy's first day
copy-also = Also copy
copy-programme = Sessions, items and speakers
copy-roles = Organising roles and organisations' places
copy-questions = Registration questions
copy-managers = Event managers
copy-matchmaking = Matchmaking: settings, time slots and tables (not requests nor the schedule)
api-tokens = API tokens
api-tokens-help = A token lets a program (a member's website, a door scanner, a script) use the API in your name, with your rights, sent as “Authorization: Bearer …”. Revoke one you no longer use; the API's description is at /api.
api-token-made = Your new token, shown this once: copy it now.
field-token-name = What it is for
field-token-days = Valid for days
token-days-hint = From 1 to 730; empty: until revoked.
err-token-days = Give a number of days from 1 to { $limit }.
token-created = Made
token-expires = Expires
token-last-used = Last used
token-no-expiry = When revoked
token-never-used = Never
token-revoke = Revoke
token-revoke-confirm = Revoke this token? Programs using it are refused from now on.
no-tokens = You have no token.
make-token = Make a token
field-repeat-count = Copies
field-repeat-every = one every
field-repeat-unit = Weeks or months
repeat-weeks = weeks
repeat-months = months
err-repeat-interval = Give a number from 1 to { $limit }.
err-repeat-count = Give a number of copies from 1 to { $limit }.
sign-in-sheet = Sign-in sheet
sign-in-sheet-room = Room
sign-in-sheet-all = Whole event
sign-in-sheet-signature = Signature
field-token-read-only = Read only: every write it sends is refused
token-read-only = read only

## Feedback on an event after it
feedback-title = Feedback
feedback-rating = Overall, how was it?
feedback-rating-1 = Poor
feedback-rating-2 = Fair
feedback-rating-3 = Good
feedback-rating-4 = Very good
feedback-rating-5 = Excellent
feedback-useful = What was most useful?
feedback-improve = What should change next time?
feedback-col-rating = Rating (1–5)
feedback-col-useful = Most useful
feedback-col-improve = To change
feedback-sessions = Each forum you attended (optional)
feedback-submit = Send feedback
feedback-thanks = Thank you for your feedback.
feedback-open-until = You may send or change it until { $date }.
feedback-link = Give feedback on this event
back-to-registration = Back to your registration
feedback-ask = Ask participants for feedback
feedback-ask-help = Each one with a seat (those checked in, where the door checked anyone in) gets one mail with a link to a short form, in their language; nobody is asked twice. The form stays open 30 days after the event.
feedback-ask-confirm = Send the feedback mails now?
feedback-asked-now = { $count ->
    [one] One participant was asked for feedback.
   *[other] { $count } participants were asked for feedback.
}
feedback-asked-at = Participants were first asked on { $date }.
feedback-remind = Remind those who have not answered
feedback-remind-confirm = Send one reminder to each participant asked who has not answered yet?
feedback-reminded-now = { $count ->
    [one] One participant was reminded.
   *[other] { $count } participants were reminded.
}
mail-feedback-reminder-subject = A reminder: how was { $event }?
feedback-none = No feedback yet.
feedback-average = Average { $average } of 5
feedback-count = { $count ->
    [one] (one reply)
   *[other] ({ $count } replies)
}
feedback-words = In their words
err-feedback-too-early = Feedback can be asked for once the event is over.
err-feedback-not-asked = The organiser has not asked for feedback on this event, or this registration holds no seat.
err-feedback-closed = Feedback on this event is closed.
err-feedback-rating = Choose a rating from 1 to 5.
mail-feedback-subject = How was “{ $event }”?
mail-feedback-body =
    Dear { $name },

    Thank you for taking part in “{ $event }”. The organiser would like to know how it went for you: one rating, and a few words if you wish.

    { $link }

    You may send or change your feedback until { $until }.

    — Baylink, for the Shenzhen–Hong Kong–Macao Science and Technology Alliance
alerts-title = Alerts of new postings
alerts-intro = Each alert mails you, daily or weekly, the postings published since its last mail that match its filters. Set one up from the postings list with the filters you want, or from the search page with the words you searched for.
alerts-none = You have no alerts yet. Filter the postings list, then choose "Mail me new postings like these".
alert-all-postings = all postings
alert-filters = Postings
alert-frequency = How often
alert-frequency-daily = daily
alert-frequency-weekly = weekly
alert-words = “{ $words }”
search-all-words = every word
search-alert-subscribe = Mail me new postings with these words:
search-alert-sign-in = Sign in to be mailed new postings with these words
alert-subscribe = Mail me new postings like these:
alert-save = Keep this alert
alert-follow-org = Mail me its new postings each week
alert-stop = Stop this alert
alert-stop-title = Stop an alert of new postings
alert-stop-ask = Stop the mails of new postings matching: { $filters }?
alert-stopped = This alert is stopped: no more mails will come from it.
err-too-many-alerts = You have the most alerts an account may keep (20). Stop one before adding another.
mail-alert-subject = { $count ->
    [one] One new posting
   *[other] { $count } new postings
} — { $filters }
mail-alert-body =
    New postings matching your alert ({ $filters }):

    { $postings }

    Your alerts: { $alerts }
    Stop this alert: { $stop }

    — Baylink, for the Shenzhen–Hong Kong–Macao Science and Technology Alliance
mail-alert-more = …and { $count } more: { $link }
alert-counterparts = new counterparts of my organisation's postings
alert-counterparts-subscribe = Mail me new counterparts of our postings each week
mail-counterparts-subject = { $count ->
    [one] One new counterpart
   *[other] { $count } new counterparts
} for your organisation's postings
mail-counterparts-body =
    Postings published this week that answer what your organisation offers or needs:

    { $postings }

    Your alerts: { $alerts }
    Stop this alert: { $stop }

    — Baylink, for the Shenzhen–Hong Kong–Macao Science and Technology Alliance

## Passwords: changed, forgotten, chosen from an administrator's link
password-title = Password
password-change-help = Give your current password, then the new one (at least 10 characters). Your other signed-in browsers are signed out; your API tokens keep working.
field-current-password = Current password
field-new-password = New password
password-change = Change password
password-changed = Your password is changed. Your other signed-in browsers were signed out.
password-set = Your password is set, and you are signed in.
err-password-wrong = This is not your current password.
forgot-link = Forgotten your password?
forgot-title = Forgotten password
forgot-help = Enter your account's e-mail address: a link to choose a new password will be sent there. It works for an hour, once.
forgot-send = Send me a link
forgot-sent = If { $email } has an account, a mail with a link to choose a new password is on its way; it can take a few minutes, and may land in the junk folder. At most one such mail goes to an address every ten minutes.
forgot-ask-again = Ask for a new link
reset-title = Choose a password
reset-help = Choose a new password for { $email } (at least 10 characters). You will be signed in, and signed out everywhere else.
reset-invite-help = An account was made for { $email }. Choose its password (at least 10 characters) to sign in.
reset-set = Set password and sign in
err-password-link = This link no longer works: it was used, it expired, or a newer password was chosen since. Ask for a new one.
user-no-password = no password yet
user-send-link = Mail a link to set a password
user-link-sent = A link to choose a password was mailed to { $email }; it works for a week.
user-password-hint = Leave empty to mail the holder a link to choose their own (recommended: nobody else then knows it).
mail-password-reset-subject = Choose a new Baylink password
mail-password-reset-body =
    Dear { $name },

    Someone, hopefully you, asked for a new password for the Baylink account { $email }. To choose one, open this link before { $until } (Hong Kong time):
    { $link }

    The link works once. If you did not ask, ignore this mail: your password stays as it is.

    — Baylink, for the Shenzhen–Hong Kong–Macao Science and Technology Alliance
mail-account-invite-subject = Your Baylink account
mail-account-invite-body =
    Dear { $name },

    The alliance's secretariat made a Baylink account for you: { $email }. To choose its password and sign in, open this link before { $until } (Hong Kong time):
    { $link }

    The link works once. Later you sign in at { $site }.

    — Baylink, for the Shenzhen–Hong Kong–Macao Science and Technology Alliance

## Accounts: changed and suspended by an administrator
user-suspended = suspended
user-suspended-since = Suspended since { $date } (Hong Kong time): it cannot sign in, and its API tokens and password links do not work.
user-access = Access
user-suspend-help = Suspend an account whose holder left the secretariat or their organisation: they can no longer sign in, their sessions end, their API tokens stop working and they get no mail for their organisation, but their name stays in the audit log and on what they did. Reinstated, the account and its tokens work again. Erase it only when its holder asks for their data to go.
user-suspend = Suspend
user-reinstate = Reinstate
err-suspend-self = You cannot suspend your own account.
err-own-role = You cannot change your own role: ask another administrator.
err-account-suspended = This account is suspended. Ask the alliance's secretariat.

## Two-step sign-in (an authenticator app's code after the password)
two-factor-title = Two-step sign-in
two-factor-offer = Off: turn on two-step sign-in
two-factor-is-on = Two-step sign-in is on: signing in takes a code from your authenticator app after the password.
two-factor-is-on-for = Two-step sign-in is on for this account.
two-factor-help = With two-step sign-in, a stolen or guessed password is not enough: signing in also takes the six-digit code your phone's authenticator app shows (Google Authenticator, Microsoft Authenticator, FreeOTP, 1Password and the like). Scan the code below with the app, or type the key, then enter the code it shows.
two-factor-secret = Key:
two-factor-turn-on = Turn on
two-factor-turn-off = Turn off two-step sign-in
two-factor-turned-on = Two-step sign-in is on. Keep the app, and keep the recovery codes below somewhere else: without either, only an administrator can let you in again.
two-factor-turned-off = Two-step sign-in is off.
two-factor-off-confirm = Turn off two-step sign-in for this account? Its holder signs in with the password alone until they turn it on again.
two-factor-code-title = Code from your app
two-factor-code-help = Enter the six-digit code your authenticator app shows for Baylink.
two-factor-lost = Lost the phone with the app? Sign in with one of your recovery codes, or ask an administrator of the alliance's secretariat to turn two-step sign-in off for your account.
field-two-factor-code = Six-digit code
err-two-factor-code = This code is not right, or was used already. Enter the code the app shows now.
err-two-factor-required = This account signs in in two steps: send the code of its authenticator app, or one of its recovery codes, with the password (`code`).
err-two-factor-expired = The sign-in waited too long for its code. Sign in again.

## The holder's own account page
account-title = Your account
account-mail-language = Your mails are written in { $languages }: the language of the page you last signed in from.
account-mail-language-unset = Your mails follow the language of the page you sign in from.
account-mail-language-title = Language of your mails
account-mail-language-chosen = Your mails are written in { $languages }, as you chose, whatever language you read the site in.
account-mail-language-field = Write my mails in
account-mail-language-follow = The language of the pages I use
account-sessions = Signed in
account-other-sessions = { $count ->
    [0] You are signed in on this browser only.
    [one] You are also signed in on one other browser.
   *[other] You are also signed in on { $count } other browsers.
}
account-session-browser = Browser
account-session-address = Address
account-session-since = Signed in
account-session-this = (this one)
account-session-unknown-browser = A browser that does not say which
account-end-sessions = Sign out all other browsers
account-sessions-ended = { $count ->
    [one] One other browser was signed out.
   *[other] { $count } other browsers were signed out.
}
account-more = Sign-in and data
mail-password-changed-subject = Your Baylink password was changed
mail-password-changed-body =
    Dear { $name },

    The password of your Baylink account { $email } was changed on { $when } (Hong Kong time), and the other browsers signed in with the old one were signed out.

    If you did this, there is nothing to do. If you did not, choose a new password at once here, and tell the alliance's secretariat:
    { $link }

    — Baylink, for the Shenzhen–Hong Kong–Macao Science and Technology Alliance
mail-new-sign-in-subject = A new browser signed in to your Baylink account
mail-new-sign-in-body =
    Dear { $name },

    Your Baylink account { $email } was signed in to on { $when } (Hong Kong time) from a browser it had not been used from before: { $browser }, address { $address }.

    If this was you, there is nothing to do. If it was not, someone has your password: choose a new one at once here, and sign that browser out on your account's page:
    { $link }
    { $account }

    — Baylink, for the Shenzhen–Hong Kong–Macao Science and Technology Alliance
mail-two-factor-on-subject = Two-step sign-in is on for your Baylink account
mail-two-factor-on-body =
    Dear { $name },

    Two-step sign-in was turned on for your Baylink account { $email } on { $when } (Hong Kong time): signing in now takes a code from an authenticator app after the password.

    If you did not do this, someone else has your password: choose a new one at once here, and tell the alliance's secretariat, who can turn two-step sign-in off again:
    { $link }

    — Baylink, for the Shenzhen–Hong Kong–Macao Science and Technology Alliance
mail-two-factor-off-subject = Two-step sign-in is off for your Baylink account
mail-two-factor-off-body =
    Dear { $name },

    Two-step sign-in was turned off for your Baylink account { $email } on { $when } (Hong Kong time): signing in now takes the password alone. You can turn it on again on your account's page.

    If you did not do this and did not ask the secretariat to, choose a new password at once here, and tell the alliance's secretariat:
    { $link }

    — Baylink, for the Shenzhen–Hong Kong–Macao Science and Technology Alliance
security-title = Sign-in rules
security-staff-two-factor = Administrators, secretariat staff and event managers must use two-step sign-in
security-staff-two-factor-help = They read registrants' personal data. Until one of them turns two-step sign-in on, their account acts as a participant's who manages no event (their API tokens too), and every page tells them how to turn it on. Turn it on for your own account first.
security-without-two-factor = Staff without two-step sign-in
security-all-two-factor = Every administrator and secretariat account uses two-step sign-in.
two-factor-due = The site requires two-step sign-in of administrators, secretariat staff and event managers: until you turn it on, your account acts as a participant's.
err-two-factor-first = Turn on two-step sign-in for your own account first, so that the rule does not shut you out.
recovery-codes-title = Recovery codes
recovery-codes-fresh = Keep these ten recovery codes somewhere safe and apart from your phone: in a password manager, or printed. Each lets you sign in once without the app. They are shown only this once.
recovery-codes-left = { $count ->
    [0] You have no recovery codes left: make new ones, or a lost phone will lock you out.
    [one] One recovery code is left: make new ones soon.
   *[other] { $count } recovery codes are left, each good for one sign-in without the app.
}
recovery-codes-help = Lost the list, or used most of it? New codes take the place of all the earlier ones.
recovery-codes-make = Make new recovery codes
recovery-codes-made = New recovery codes were made: the earlier ones no longer work.
recovery-codes-download = Download them as a text file
recovery-codes-left-for = { $count ->
    [0] It has no recovery codes left.
    [one] It has one recovery code left.
   *[other] It has { $count } recovery codes left.
}
recovery-code-signed-in = { $count ->
    [0] You signed in with your last recovery code. Make new ones below now; if your phone is lost, turn two-step sign-in off and on again with the new phone.
    [one] You signed in with a recovery code; one is left. Make new ones below; if your phone is lost, turn two-step sign-in off and on again with the new phone.
   *[other] You signed in with a recovery code; { $count } are left. If your phone is lost, turn two-step sign-in off and on again with the new phone.
}
recovery-code-use = No phone at hand? Use a recovery code
recovery-code-field = Recovery code
err-two-factor-off = Two-step sign-in is off for this account: turn it on first.
mail-recovery-code-used-subject = A recovery code was used to sign in to your Baylink account
mail-recovery-code-used-body =
    Dear { $name },

    One of the recovery codes of your Baylink account { $email } was used to sign in on { $when } (Hong Kong time), in place of the authenticator app's code. That code no longer works; your account's two-step sign-in page says how many are left, and makes new ones.

    If you did not do this, someone has your password and one of your codes: choose a new password at once here, make new recovery codes, and tell the alliance's secretariat:
    { $link }

    — Baylink, for the Shenzhen–Hong Kong–Macao Science and Technology Alliance
user-last-sign-in = Last signed in
user-never-signed-in = never
audit-record-kind = Kind of record
audit-record-id = Record number
audit-any = (any)
audit-from = From
audit-until = Until
audit-history = History of changes
audit-entity-announcement = Announcement
audit-entity-api_token = API token
audit-entity-attachment = Attachment
audit-entity-cooperation = Cooperation
audit-entity-designation = Designation
audit-entity-event = Event
audit-entity-event_guest = Event guest
audit-entity-event_manager = Event manager
audit-entity-event_role = Event role
audit-entity-event_series = Event series
audit-entity-event_session = Event session
audit-entity-interest = Interest in a posting
audit-entity-invitation = Invitation
audit-entity-item_speaker = Speaker of a programme item
audit-entity-matchmaking = Matchmaking
audit-entity-matchmaking_slot = Matchmaking time slot
audit-entity-matchmaking_table = Matchmaking table
audit-entity-meeting = Matchmaking meeting
audit-entity-membership = Membership
audit-entity-milestone = Milestone
audit-entity-organisation = Organisation
audit-entity-person = Person
audit-entity-position = Position
audit-entity-posting = Posting
audit-entity-programme_item = Programme item
audit-entity-publication = Publication
audit-entity-publication_file = Publication file
audit-entity-registration = Registration
audit-entity-registration_question = Registration question
audit-entity-session_registration = Session registration
audit-entity-side = Side
audit-entity-side_officer = Side officer
audit-entity-site_setting = Site setting
audit-entity-user = Account

## The outbox, for the secretariat
outbox-title = Mail
outbox-waiting = { $count ->
    [0] No mail is waiting.
    [one] One mail is waiting to be sent.
   *[other] { $count } mails are waiting to be sent.
}
outbox-oldest = The oldest since { $date } (Hong Kong time).
outbox-sent-day = { $count ->
    [one] One mail went in the last 24 hours.
   *[other] { $count } mails went in the last 24 hours.
}
outbox-failing = { $count ->
    [one] The mail server refused one mail, or could not be reached for it: it is tried again with growing delays, at most an hour apart.
   *[other] The mail server refused { $count } mails, or could not be reached for them: they are tried again with growing delays, at most an hour apart.
}
outbox-retry = Try the failed mails now
outbox-retried = { $count ->
    [one] One failed mail will be tried at once.
   *[other] { $count } failed mails will be tried at once.
}
outbox-help = Every mail is written to the outbox with what it announces and sent by the nodes started with --smtp: when the mail server is down, mail is late, never lost. Mails are written in their recipient's language when sent.
outbox-waiting-title = Waiting
outbox-none-waiting = Nothing is waiting.
outbox-sent-title = Sent lately
outbox-none-sent = No mail has been sent yet.
outbox-queued = Queued
outbox-kind = Kind
outbox-to = To
outbox-attempts = Attempts
outbox-next = Next try
outbox-error = Last error
outbox-sent-at = Sent
users-find = Address or name
users-state = State
users-active = may sign in

## A holder's new sign-in address
account-email-title = Sign-in address
account-email-now = You sign in as { $email }.
account-email-new = New address
account-email-send = Send the confirmation
account-email-sent = A mail was sent to { $email }: open its link within a day to sign in with that address from then on. Until then, nothing changes.
account-email-changed = Your sign-in address is changed.
account-email-confirm-help = Sign in as { $email } from now on?
account-email-confirm = Confirm the new address
err-email-same = This is already your address.
err-email-link = This link no longer works: it was used, it expired, or the account cannot sign in. Ask for a new one on your account's page.
err-throttled-now = Too many wrong passwords: try again in a quarter of an hour.
mail-email-confirm-subject = Confirm your new Baylink sign-in address
mail-email-confirm-body =
    Hello,

    Someone signed in to Baylink asked to sign in as { $email } from now on. If it was you, confirm it within a day here:
    { $link }

    If it was not, ignore this mail: nothing changes.

    — Baylink, for the Shenzhen–Hong Kong–Macao Science and Technology Alliance
mail-email-changed-subject = Your Baylink account now signs in with another address
mail-email-changed-body =
    Hello,

    The Baylink account that signed in with this address now signs in as { $email }; mail for it goes there from now on.

    If you did not do this, tell the alliance's secretariat at once: they can give the account back to you.

    — Baylink, for the Shenzhen–Hong Kong–Macao Science and Technology Alliance
outbox-about-registration = Registration
outbox-about-reminder = Event reminder
outbox-about-feedback = Feedback
outbox-about-announcement = Announcement
outbox-about-alerts = Posting alerts
outbox-about-account = Account and sign-in
outbox-about-market = Supply and demand
outbox-about-matchmaking = Matchmaking
outbox-about-other = Other
