// Every string of the application in Japanese and English, the language
// switch (kept in localStorage) and dates written the way each language
// writes them (ja: 2026年11月28日 and 令和8年11月28日; en: 28 Nov 2026).

const STRINGS = {
  brand: ['seisai 制裁', 'seisai'],
  skip: ['本文へ移動', 'Skip to content'],
  nav_label: ['メインメニュー', 'Main'],
  nav_search: ['名前検索', 'Search'],
  nav_document: ['文書チェック', 'Check a document'],
  nav_alerts: ['アラート', 'Alerts'],
  nav_lists: ['リスト', 'Lists'],
  nav_measures: ['措置', 'Measures'],
  nav_audit: ['監査記録', 'Audit'],
  switch_lang: ['English', '日本語'],
  switch_lang_label: ['Switch to English', '日本語に切り替える'],
  signed_in_as: ['{user}（{role}）', '{user} ({role})'],
  sign_out: ['サインアウト', 'Sign out'],
  role_screen: ['スクリーニング', 'screening'],
  role_analyst: ['アナリスト', 'analyst'],
  role_approver: ['承認者', 'approver'],
  role_admin: ['管理者', 'admin'],
  loading: ['読み込み中…', 'Loading…'],
  error: ['エラー: {detail}', 'Error: {detail}'],
  error_status: ['サーバーが {status} を返しました: {detail}', 'The server answered {status}: {detail}'],
  none: ['なし', 'none'],
  yes: ['はい', 'yes'],
  no: ['いいえ', 'no'],
  not_found: ['このページはありません。', 'There is no such page.'],
  // sign-in
  signin_title: ['サインイン', 'Sign in'],
  signin_intro: ['管理者から受け取った API キーを入力してください。キーはこのタブを閉じると消去されます。', 'Enter the API key your administrator gave you. It is forgotten when this tab is closed.'],
  api_key: ['API キー', 'API key'],
  signin_button: ['サインイン', 'Sign in'],
  signin_failed: ['サインインできません: {detail}', 'Cannot sign in: {detail}'],
  signed_in: ['{user} としてサインインしました。', 'Signed in as {user}.'],
  // search
  search_title: ['名前検索', 'Name search'],
  name: ['名前（どの文字でも可）', 'Name (any script)'],
  birth_date: ['生年月日', 'Birth date'],
  country: ['国（ISO コード、例 ru）', 'Country (ISO code, e.g. ru)'],
  schema: ['種類', 'Type'],
  schema_Person: ['個人', 'Person'],
  schema_Organization: ['団体', 'Organisation'],
  schema_Company: ['企業', 'Company'],
  schema_LegalEntity: ['法人・個人', 'Legal entity'],
  schema_Vessel: ['船舶', 'Vessel'],
  schema_Airplane: ['航空機', 'Aircraft'],
  dataset: ['リスト', 'List'],
  all_lists: ['すべてのリスト', 'All lists'],
  search_button: ['検索', 'Search'],
  results_count: ['{n} 件の候補', '{n} candidates'],
  no_results: ['候補はありません。', 'No candidates.'],
  score: ['スコア', 'Score'],
  score_of: ['{name} のスコア', 'Score of {name}'],
  match_yes: ['一致の可能性', 'Possible match'],
  match_no: ['閾値未満', 'Below threshold'],
  why: ['一致の理由', 'Why it matched'],
  query_name: ['検索した名前', 'Query name'],
  listed_name: ['リスト上の名前', 'Listed name'],
  compared_forms: ['比較したローマ字形', 'Latin forms compared'],
  part_query: ['検索側の部分', 'Query part'],
  part_listed: ['リスト側の部分', 'Listed part'],
  similarity: ['類似度', 'Similarity'],
  credit: ['寄与', 'Credit'],
  unmatched: ['対応なし', 'unmatched'],
  alignment_caption: ['名前の部分ごとの対応', 'Name compared part by part'],
  features_caption: ['各要素の寄与', 'Contribution of each feature'],
  feature: ['要素', 'Feature'],
  contribution: ['寄与', 'Contribution'],
  detail: ['内容', 'Detail'],
  query_value: ['検索値', 'Query value'],
  listed_value: ['リスト値', 'Listed value'],
  feature_name: ['名前', 'name'],
  feature_birth_date: ['生年月日', 'birth date'],
  feature_country: ['国', 'country'],
  feature_gender: ['性別', 'gender'],
  feature_identifier: ['識別番号', 'identifier'],
  numbers_differ: ['名前の数字が一致しません', 'the numbers in the names differ'],
  prop_name: ['名称', 'name'],
  prop_alias: ['別名', 'alias'],
  prop_weakAlias: ['弱い別名', 'weak alias'],
  prop_previousName: ['旧名', 'previous name'],
  prop_birthDate: ['生年月日', 'birth date'],
  prop_birthPlace: ['出生地', 'birthplace'],
  prop_deathDate: ['死亡日', 'death date'],
  prop_incorporationDate: ['設立日', 'incorporated'],
  prop_buildDate: ['建造日', 'built'],
  prop_nationality: ['国籍', 'nationality'],
  prop_citizenship: ['市民権', 'citizenship'],
  prop_country: ['国', 'country'],
  prop_address: ['住所', 'address'],
  prop_jurisdiction: ['管轄', 'jurisdiction'],
  prop_mainCountry: ['主たる国', 'main country'],
  prop_flag: ['船籍', 'flag'],
  prop_program: ['制裁プログラム', 'programme'],
  prop_authority: ['指定機関', 'authority'],
  prop_listingDate: ['指定日', 'listed on'],
  prop_topics: ['分類', 'topics'],
  prop_sanctions: ['制裁', 'sanctions'],
  prop_modifiedAt: ['更新日', 'modified'],
  prop_gender: ['性別', 'gender'],
  prop_notes: ['備考', 'notes'],
  prop_position: ['役職', 'position'],
  prop_title: ['敬称', 'title'],
  prop_idNumber: ['身分証番号', 'ID number'],
  prop_passportNumber: ['旅券番号', 'passport number'],
  prop_taxNumber: ['納税者番号', 'tax number'],
  prop_registrationNumber: ['登記番号', 'registration number'],
  prop_innCode: ['INN', 'INN'],
  prop_ogrnCode: ['OGRN', 'OGRN'],
  prop_leiCode: ['LEI', 'LEI'],
  prop_swiftBic: ['SWIFT/BIC', 'SWIFT/BIC'],
  prop_imoNumber: ['IMO 番号', 'IMO number'],
  prop_sourceUrl: ['出典 URL', 'source URL'],
  prop_website: ['ウェブサイト', 'website'],
  prop_firstName: ['名', 'first name'],
  prop_lastName: ['姓', 'last name'],
  prop_middleName: ['ミドルネーム', 'middle name'],
  prop_secondName: ['第二名', 'second name'],
  prop_fatherName: ['父称', 'patronymic'],
  prop_email: ['電子メール', 'email'],
  prop_phone: ['電話', 'phone'],
  prop_legalForm: ['法人形態', 'legal form'],
  prop_sector: ['業種', 'sector'],
  prop_summary: ['概要', 'summary'],
  prop_keywords: ['キーワード', 'keywords'],
  prop_religion: ['宗教', 'religion'],
  prop_ethnicity: ['民族', 'ethnicity'],
  prop_education: ['学歴', 'education'],
  prop_political: ['政治的立場', 'political'],
  lists_used: ['使用したリスト版: {versions}', 'List versions used: {versions}'],
  // entity
  entity_title: ['対象者', 'Listed entity'],
  names_by_script: ['名前（文字種別）', 'Names by script'],
  script_Latin: ['ラテン文字', 'Latin'],
  script_Cyrillic: ['キリル文字', 'Cyrillic'],
  script_Arabic: ['アラビア文字', 'Arabic'],
  script_Han: ['漢字', 'Han'],
  script_Japanese: ['かな', 'Japanese kana'],
  script_Hangul: ['ハングル', 'Hangul'],
  script_Greek: ['ギリシャ文字', 'Greek'],
  script_Hebrew: ['ヘブライ文字', 'Hebrew'],
  script_Other: ['その他', 'Other'],
  identifiers: ['識別番号', 'Identifiers'],
  birth: ['生年月日・出生地', 'Birth'],
  addresses: ['住所・国籍', 'Addresses and countries'],
  programs: ['制裁プログラム', 'Programmes'],
  measures_apply: ['適用される措置', 'Measures that apply'],
  no_measures: ['読み込まれた措置はこのリストを対象にしていません。', 'No loaded measure targets this list entry.'],
  sources: ['出典', 'Sources'],
  history: ['リスト版ごとの履歴', 'History across list versions'],
  event: ['出来事', 'Event'],
  event_added: ['掲載', 'listed'],
  event_changed: ['変更', 'amended'],
  event_removed: ['削除', 'delisted'],
  version: ['版', 'Version'],
  date: ['日付', 'Date'],
  other_notes: ['その他の情報', 'Other information'],
  property: ['項目', 'Property'],
  value: ['値', 'Value'],
  // document
  document_title: ['文書チェック', 'Check a document'],
  document_intro: ['取引（JSON）、pacs.008 / pain.001（XML）、MT103 / MT202COV、証券注文を貼り付けるか、ファイルを選んでください。', 'Paste a trade (JSON), a pacs.008 / pain.001 (XML), an MT103 / MT202COV or a securities order, or choose a file.'],
  document_text: ['文書', 'Document'],
  document_file: ['ファイルから読み込む', 'Load from a file'],
  as_of: ['基準日', 'As of'],
  as_of_hint: ['空欄なら文書の日付', 'Empty: the document\'s own date'],
  check_button: ['チェック', 'Check'],
  decision: ['判定', 'Decision'],
  outcome_PROHIBITED: ['禁止', 'Prohibited'],
  outcome_PERMISSION_REQUIRED: ['許可が必要', 'Permission required'],
  outcome_REVIEW: ['要確認', 'Review'],
  outcome_CLEAR: ['問題なし', 'Clear'],
  document_kind: ['文書の種類', 'Document kind'],
  evaluated_on: ['評価日', 'Evaluated as of'],
  fields_screened: ['確認した項目数', 'Fields screened'],
  policies: ['適用した方針', 'Policies applied'],
  reasons: ['理由', 'Reasons'],
  reason_count: ['{n} 件の理由', '{n} reasons'],
  measure: ['措置', 'Measure'],
  legal_basis: ['法的根拠', 'Legal basis'],
  effective: ['発効', 'In force from'],
  ended: ['終了', 'Ended'],
  list_entry: ['リスト該当', 'List entry'],
  hit_locations: ['該当箇所', 'Hit locations'],
  document_hits: ['該当箇所を強調した文書', 'The document with its hits highlighted'],
  uncertain: ['要検証の点があります', 'Has points to verify'],
  alert_created: ['アラート {id} が作成されました', 'Alert {id} was created'],
  empty_document: ['文書を入力してください。', 'Enter a document.'],
  // alerts
  alerts_title: ['アラート一覧', 'Alert queue'],
  status: ['状態', 'Status'],
  any: ['すべて', 'any'],
  alertkind_party: ['取引相手', 'party'],
  alertkind_trade: ['貿易取引', 'trade'],
  alertkind_payment: ['支払', 'payment'],
  alertkind_security: ['証券注文', 'securities order'],
  alertkind_oil: ['原油・石油製品', 'oil'],
  alertkind_document: ['文書', 'document'],
  alertkind_monitoring: ['継続モニタリング', 'monitoring'],
  decision_potential_match: ['一致の可能性', 'potential match'],
  decision_clear: ['問題なし', 'clear'],
  decision_review: ['要確認', 'review'],
  decision_permission_required: ['許可が必要', 'permission required'],
  decision_prohibited: ['禁止', 'prohibited'],
  action_created: ['作成', 'created'],
  action_assign: ['担当者の割当', 'assigned'],
  action_status: ['状態の変更', 'status changed'],
  action_note: ['メモ', 'note'],
  action_attach: ['添付', 'attachment'],
  action_propose: ['処理案', 'proposed'],
  action_approve: ['承認', 'approved'],
  action_reject: ['差戻し', 'rejected'],
  action_auto_close: ['自動完了', 'closed automatically'],
  action_list_entry_removed: ['リストから削除', 'list entry removed'],
  status_open: ['未着手', 'open'],
  status_in_review: ['確認中', 'in review'],
  status_escalated: ['エスカレーション', 'escalated'],
  status_pending_approval: ['承認待ち', 'pending approval'],
  status_closed_true_match: ['完了（真の一致）', 'closed: true match'],
  status_closed_false_positive: ['完了（誤検知）', 'closed: false positive'],
  status_closed_not_relevant: ['完了（対象外）', 'closed: not relevant'],
  kind: ['種別', 'Kind'],
  min_score: ['最低スコア', 'Minimum score'],
  from: ['開始日', 'From'],
  to: ['終了日', 'To'],
  assignee: ['担当者', 'Assignee'],
  text_search: ['キーワード', 'Text'],
  filter_button: ['絞り込む', 'Filter'],
  alerts_count: ['{n} 件のアラート', '{n} alerts'],
  select_alert: ['アラート {id} を選択', 'Select alert {id}'],
  select_all: ['すべて選択', 'Select all'],
  assign_to: ['選択したアラートの担当者', 'Assign the selected alerts to'],
  assign_button: ['割り当て', 'Assign'],
  assigned: ['{n} 件を割り当てました', '{n} alerts assigned'],
  created: ['作成日時', 'Created'],
  subject: ['対象', 'Subject'],
  hits: ['該当数', 'Hits'],
  unassigned: ['未割当', 'unassigned'],
  alert_title: ['アラート {id}', 'Alert {id}'],
  query_side: ['スクリーニングした内容', 'What was screened'],
  list_side: ['リスト上の対象', 'List entry'],
  explanation: ['説明', 'Explanation'],
  notes: ['メモ', 'Notes'],
  add_note: ['メモを追加', 'Add a note'],
  note_text: ['メモ', 'Note'],
  set_status: ['状態を変更', 'Set status'],
  propose_title: ['処理案', 'Propose a disposition'],
  disposition: ['処理', 'Disposition'],
  disposition_true_match: ['真の一致', 'true match'],
  disposition_false_positive: ['誤検知', 'false positive'],
  disposition_not_relevant: ['対象外', 'not relevant'],
  reason: ['理由', 'Reason'],
  propose_button: ['処理案を提出', 'Propose'],
  proposal: ['処理案: {disposition}（{user}、{at}）— {reason}', 'Proposal: {disposition} by {user}, {at} — {reason}'],
  approve_title: ['承認（4つの目の原則）', 'Approval (four eyes)'],
  comment: ['コメント', 'Comment'],
  approve_button: ['承認', 'Approve'],
  reject_button: ['差し戻し', 'Reject'],
  own_proposal: ['自分の処理案は承認できません。別の承認者が承認します。', 'You cannot approve your own proposal; another approver will.'],
  needs_approver: ['承認には承認者の権限が必要です。', 'Approval needs the approver role.'],
  decided: ['処理済み: {disposition}', 'Closed: {disposition}'],
  saved: ['保存しました', 'Saved'],
  list_versions: ['リスト版', 'List versions'],
  policy_version: ['方針の版', 'Policy version'],
  at: ['日時', 'When'],
  user: ['利用者', 'User'],
  action: ['操作', 'Action'],
  alerts_missing: ['このサーバーはアラート API をまだ提供していません（{detail}）。', 'This server does not offer the alerts API yet ({detail}).'],
  // lists
  lists_title: ['リスト', 'Lists'],
  served_version: ['提供中の版', 'Version served'],
  published: ['公表日', 'Published'],
  imported: ['取込日時', 'Imported'],
  entities: ['件数', 'Entries'],
  versions: ['保存版数', 'Versions stored'],
  last_sync: ['前回の同期', 'Last sync'],
  next_sync: ['次回の同期', 'Next sync'],
  last_update: ['前回の更新', 'Last update'],
  last_failure: ['前回の失敗', 'Last failure'],
  show_diff: ['{dataset} の最新の変更', 'Latest changes of {dataset}'],
  diff_title: ['{dataset}: {from} → {to}', '{dataset}: {from} → {to}'],
  added: ['追加 {n} 件', '{n} added'],
  removed: ['削除 {n} 件', '{n} removed'],
  changed: ['変更 {n} 件', '{n} changed'],
  first_n: ['最初の {n} 件を表示', 'First {n} shown'],
  sync_now: ['今すぐ同期', 'Sync now'],
  sync_done: ['同期が終わりました: {detail}', 'Sync finished: {detail}'],
  no_diff: ['比較できる版が一つしかありません。', 'Only one version is stored; nothing to compare.'],
  // measures
  measures_title: ['措置（日本・ロシア関連）', 'Measures (Japan – Russia)'],
  goods: ['品目（HS コード）', 'Goods (HS code)'],
  region: ['地域', 'Region'],
  timeline: ['時系列', 'Timeline'],
  measures_count: ['{n} 件の措置', '{n} measures'],
  no_policies: ['措置ファイル（ポリシー）が読み込まれていません。サーバーを --policies DIR を付けて起動してください。', 'No policy file is loaded: start the server with --policies DIR.'],
  title: ['名称', 'Title'],
  outcome: ['結果', 'Outcome'],
  authority: ['所管', 'Authority'],
  in_force: ['継続中', 'in force'],
  kind_export_ban: ['輸出禁止', 'export ban'],
  kind_import_ban: ['輸入禁止', 'import ban'],
  kind_asset_freeze: ['資産凍結', 'asset freeze'],
  kind_price_cap: ['価格上限', 'price cap'],
  kind_visa_ban: ['査証発給停止', 'visa ban'],
  kind_securities_ban: ['証券取引の禁止', 'securities ban'],
  kind_service_ban: ['役務提供の禁止', 'service ban'],
  kind_investment_ban: ['投資禁止', 'investment ban'],
  // audit
  audit_title: ['監査記録', 'Audit trail'],
  chain_ok: ['改ざん検証: 正常（{n} 件）', 'Chain verified: intact ({n} records)'],
  chain_broken: ['改ざん検証: 連番 {seq} で不整合 — {reason}', 'Chain verification: broken at record {seq} — {reason}'],
  export_csv: ['CSV で書き出す', 'Export as CSV'],
  export_json: ['JSON で書き出す', 'Export as JSON'],
  records_count: ['{n} 件の記録', '{n} records'],
  seq: ['連番', 'No.'],
  request_id: ['リクエスト ID', 'Request id'],
  more: ['さらに表示', 'Show more'],
};

const LANGS = ['ja', 'en'];
let current = LANGS.includes(localStorage.getItem('seisai.lang')) ? localStorage.getItem('seisai.lang') : 'ja';

/** The language in use (`ja` or `en`). */
export function lang() {
  return current;
}

/** Sets and remembers the language. */
export function setLang(l) {
  current = LANGS.includes(l) ? l : 'ja';
  localStorage.setItem('seisai.lang', current);
  document.documentElement.lang = current;
}

/** The string `key` in the current language with `{name}` filled from vars. */
export function t(key, vars = {}) {
  const entry = STRINGS[key];
  const text = entry ? entry[current === 'ja' ? 0 : 1] : key;
  return text.replace(/\{(\w+)\}/g, (_, k) => (vars[k] === undefined ? `{${k}}` : String(vars[k])));
}

/**
 * A field of a server object in the current language: `obj[field + '_ja']`
 * on Japanese screens when the server gives it (measure titles, legal
 * basis), else `obj[field]`.
 */
export function localized(obj, field) {
  const ja = obj ? obj[`${field}_ja`] : undefined;
  const hasJa = Array.isArray(ja) ? ja.length > 0 : Boolean(ja);
  return current === 'ja' && hasJa ? ja : obj?.[field];
}

/** The translation of `prefix_value` when there is one, else the value. */
export function label(prefix, value) {
  const key = `${prefix}_${value}`;
  return STRINGS[key] ? t(key) : String(value ?? '');
}

const fmt = (locale, opts) => new Intl.DateTimeFormat(locale, { timeZone: 'UTC', ...opts });

/**
 * A date (`YYYY`, `YYYY-MM`, `YYYY-MM-DD`, or an RFC 3339 time) as the
 * language writes it: ja 2026年11月28日（令和8年11月28日）, en 28 Nov 2026.
 * Anything else is shown as given.
 */
export function formatDate(value) {
  if (!value) return '';
  const m = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?/.exec(String(value));
  if (!m) return String(value);
  const [, y, mo, d] = m;
  const date = new Date(Date.UTC(Number(y), mo ? Number(mo) - 1 : 0, d ? Number(d) : 1));
  if (Number.isNaN(date.getTime())) return String(value);
  if (current === 'ja') {
    if (!mo) return `${y}年`;
    if (!d) return `${y}年${Number(mo)}月`;
    const western = `${y}年${Number(mo)}月${Number(d)}日`;
    const era = fmt('ja-JP-u-ca-japanese', { era: 'long', year: 'numeric', month: 'long', day: 'numeric' }).format(date);
    return `${western}（${era}）`;
  }
  if (!mo) return y;
  if (!d) return fmt('en-GB', { month: 'short', year: 'numeric' }).format(date);
  return fmt('en-GB', { day: 'numeric', month: 'short', year: 'numeric' }).format(date);
}

/** A date without the era (for dense tables): ja 2026年11月28日, en 28 Nov 2026. */
export function formatShortDate(value) {
  const full = formatDate(value);
  return current === 'ja' ? full.replace(/（.*）$/, '') : full;
}

/** A moment (RFC 3339) with its time of day, in UTC. */
export function formatDateTime(value) {
  if (!value) return '';
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return String(value);
  const time = fmt(current === 'ja' ? 'ja-JP' : 'en-GB', { hour: '2-digit', minute: '2-digit' }).format(date);
  return `${formatShortDate(value)} ${time} UTC`;
}

/** A number as the language writes it. */
export function formatNumber(n) {
  return new Intl.NumberFormat(current === 'ja' ? 'ja-JP' : 'en-GB').format(n);
}
