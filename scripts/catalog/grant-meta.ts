// Our words about grant's providers (generator input for scripts/generate-catalog.ts): display
// names simple-icons does not give, categories, simple-icons slugs that differ from grant's key,
// and the grant providers a hand-checked app already covers.

/** grant keys covered by an app in lib/catalog/apps (hand-checked, authoritative). */
export const COVERED_BY_HAND = new Set([
  "asana",
  "atlassian", // jira, confluence
  "bitbucket",
  "box",
  "discord",
  "dropbox",
  "figma",
  "github",
  "gitlab",
  "google", // gmail, googlecalendar, googledrive, googlesheets
  "hubspot",
  "microsoft", // outlook, teams
  "notion",
  "salesforce",
  "shopify",
  "slack",
  "stripe",
  "todoist",
  "trello",
  "zendesk",
  "zoom",
]);

/** Our key where grant's does not start with a letter (keys match ^[a-z][a-z0-9_]*$). */
export const KEYS: Record<string, string> = {
  "23andme": "twentythreeandme",
  "500px": "fivehundredpx",
};

/** Display names where simple-icons has no icon (or grant's key is not the brand). */
export const NAMES: Record<string, string> = {
  "23andme": "23andMe",
  acton: "Act-On",
  acuityscheduling: "Acuity Scheduling",
  adobe: "Adobe",
  aha: "Aha!",
  alchemer: "Alchemer",
  amazon: "Login with Amazon",
  angellist: "AngelList",
  assembla: "Assembla",
  authentiq: "Authentiq",
  authing: "Authing",
  aweber: "AWeber",
  axosoft: "Axosoft",
  cas: "CAS",
  cheddar: "Cheddar",
  clio: "Clio",
  cognito: "Amazon Cognito",
  concur: "SAP Concur",
  constantcontact: "Constant Contact",
  crossid: "CrossID",
  delivery: "Delivery.com",
  deputy: "Deputy",
  docusign: "DocuSign",
  echosign: "Adobe Acrobat Sign",
  ecwid: "Ecwid",
  edmodo: "Edmodo",
  eventbrite: "Eventbrite",
  familysearch: "FamilySearch",
  freeagent: "FreeAgent",
  freshbooks: "FreshBooks",
  geeklist: "Geeklist",
  getbase: "Zendesk Sell (Base)",
  getpocket: "Pocket",
  groove: "Groove",
  harvest: "Harvest",
  hellosign: "Dropbox Sign (HelloSign)",
  heroku: "Heroku",
  homeaway: "HomeAway",
  huddle: "Huddle",
  ibm: "IBM Cloud",
  idme: "ID.me",
  idonethis: "iDoneThis",
  infusionsoft: "Keap (Infusionsoft)",
  jamendo: "Jamendo",
  jumplead: "Jumplead",
  linkedin: "LinkedIn",
  live: "Microsoft Live (legacy)",
  logingov: "Login.gov",
  mailup: "MailUp",
  mailxpert: "Mailxpert",
  mapmyfitness: "MapMyFitness",
  mention: "Mention",
  moxtra: "Moxtra",
  nest: "Nest",
  nokotime: "Noko",
  nylas: "Nylas",
  onelogin: "OneLogin",
  openstreetmap: "OpenStreetMap (OAuth 1.0a)",
  openstreetmap2: "OpenStreetMap",
  optimizely: "Optimizely",
  phantauth: "PhantAuth",
  podio: "Podio",
  procore: "Procore",
  projectplace: "Projectplace (OAuth 1.0a)",
  projectplace2: "Projectplace",
  redbooth: "Redbooth",
  sellsy: "Sellsy",
  shoeboxed: "Shoeboxed",
  skyrock: "Skyrock",
  slice: "Slice",
  smartsheet: "Smartsheet",
  socialpilot: "SocialPilot",
  socrata: "Socrata",
  stocktwits: "StockTwits",
  stormz: "Stormz",
  surveysparrow: "SurveySparrow",
  ticketbud: "Ticketbud",
  timelyapp: "Timely",
  traxo: "Traxo",
  tripit: "TripIt",
  twitter: "X (Twitter, OAuth 1.0a)",
  twitter2: "X (Twitter)",
  unbounce: "Unbounce",
  vend: "Lightspeed Retail (Vend)",
  verticalresponse: "VerticalResponse",
  visualstudio: "Azure DevOps (Visual Studio)",
  weekdone: "Weekdone",
  weibo: "Weibo",
  withings: "Withings",
  workos: "WorkOS",
  wrike: "Wrike",
  yahoo: "Yahoo",
  yammer: "Yammer",
  yandex: "Yandex",
  mailchimp: "Mailchimp",
};

/** simple-icons slug when it is not grant's key. */
export const ICON_SLUGS: Record<string, string> = {
  weibo: "sinaweibo",
  twitter: "x",
  twitter2: "x",
  angellist: "wellfound",
  openstreetmap2: "openstreetmap",
  yandex: "yandexcloud",
};

const CATEGORY_KEYS: Record<string, string> = {
  accounting:
    "freeagent freshbooks intuit myob xero shoeboxed concur harvest nokotime timelyapp clio sellsy",
  analytics: "optimizely socrata arcgis mention",
  calendar: "acuityscheduling tripit traxo",
  communication:
    "gitter line wechat qq kakao plurk livechat moxtra yammer pushbullet skyrock weibo vk xing viadeo",
  crm: "getbase infusionsoft acton jumplead podio",
  "developer-tools":
    "digitalocean heroku netlify vercel visualstudio assembla axosoft gitbook stackexchange ibm snowflake iconfinder storyblok",
  documents: "docusign echosign hellosign evernote mendeley formstack",
  "e-commerce":
    "ebay etsy ecwid gumroad square vend amazon paypal venmo coinbase delivery slice homeaway lyft uber",
  education: "coursera edmodo",
  "health-fitness":
    "fitbit garmin strava runkeeper mapmyfitness underarmour withings 23andme untappd",
  identity:
    "auth0 authentik authentiq authing cas cognito crossid fusionauth idme keycloak logingov okta onelogin phantauth workos apple live nest familysearch",
  marketing:
    "aweber campaignmonitor constantcontact mailchimp mailup mailxpert verticalresponse hootsuite buffer socialpilot unbounce bitly producthunt trustpilot surveymonkey surveysparrow typeform alchemer",
  media:
    "500px patreon beatport dailymotion deezer deviantart discogs eyeem flickr genius imgur jamendo mixcloud smugmug soundcloud spotify thingiverse trakt twitch unsplash vimeo osu battlenet ravelry goodreads getpocket feedly medium disqus",
  "project-management":
    "aha basecamp projectplace projectplace2 redbooth smartsheet wrike weekdone idonethis huddle procore deputy stormz groove uservoice",
  social:
    "facebook instagram linkedin pinterest reddit snapchat tiktok tumblr twitter twitter2 mastodon meetup foursquare stocktwits geeklist dribbble openstreetmap openstreetmap2 eventbrite ticketbud",
  storage: "egnyte",
  email: "nylas",
  search: "baidu naver yahoo yandex",
  design: "adobe autodesk",
  jobs: "angellist freelancer upwork",
  payments: "cheddar",
  websites: "wordpress",
};

/** Each grant key's categories ("other" when not listed). */
export const CATEGORIES: Record<string, string[]> = {};
for (const [category, keys] of Object.entries(CATEGORY_KEYS)) {
  for (const key of keys.split(/\s+/).filter(Boolean)) {
    (CATEGORIES[key] ??= []).push(category);
  }
}
