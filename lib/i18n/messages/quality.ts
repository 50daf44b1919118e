/**
 * Messages of the count's integrity (keys prefixed "quality."): the flags' reasons and words, the review
 * queue, decisions, scorecards. English and Hindi side by side.
 */
export const en = {
  // Reasons, as a reviewer reads them in a list or a filter.
  "quality.reason.shared_phone": "Shared phone",
  "quality.reason.near_duplicate": "Near-duplicate",
  "quality.reason.photo_reuse": "Photo reused",
  "quality.reason.burst": "Burst of sign-ups",
  "quality.reason.epic_pattern": "Doubtful voter-card number",
  "quality.reason.disowned": "Says they did not join",
  // Each flag in words ({others}: membership numbers, "and N more").
  "quality.words.shared_phone": "{count} members share phone {phone}: {others}",
  "quality.words.near_duplicate": "Same name and relative's name, age within 2 years, as {others} in this assembly seat",
  "quality.words.photo_reuse": "Same photo as {others}",
  "quality.words.burst": "{count} sign-ups within {minutes} minutes from token {token} ({from}–{to})",
  "quality.words.epic_pattern.shape": "Voter-card number {epic} is not in the form of three letters and seven digits",
  "quality.words.epic_pattern.serial": "Voter-card number {epic} has a placeholder serial (one digit repeated, or a straight run)",
  "quality.words.epic_pattern.placeholder": "Voter-card number {epic} has a placeholder letter code",
  "quality.words.disowned": "The person said they did not join ({at})",
  "quality.words.more": "{list} and {n} more",
  // Statuses.
  "quality.status.open": "Open",
  "quality.status.confirmed": "Confirmed genuine",
  "quality.status.voided": "Voided",
  "quality.status.cleared": "Cleared",
  "quality.standing.review": "Under review",
  "quality.standing.void": "Voided",
} as const;

export const hi: Partial<Record<keyof typeof en, string>> = {
  "quality.reason.shared_phone": "साझा फ़ोन",
  "quality.reason.near_duplicate": "लगभग दोहराव",
  "quality.reason.photo_reuse": "फ़ोटो दोबारा इस्तेमाल",
  "quality.reason.burst": "एक साथ बहुत सारे सदस्य",
  "quality.reason.epic_pattern": "संदिग्ध मतदाता पहचान पत्र संख्या",
  "quality.reason.disowned": "कहते हैं कि सदस्य नहीं बने",
  "quality.words.shared_phone": "{count} सदस्यों का एक ही फ़ोन {phone} है: {others}",
  "quality.words.near_duplicate": "इसी विधानसभा क्षेत्र में {others} जैसा ही नाम और रिश्तेदार का नाम, उम्र में 2 वर्ष के भीतर",
  "quality.words.photo_reuse": "{others} जैसी ही फ़ोटो",
  "quality.words.burst": "टोकन {token} से {minutes} मिनट के भीतर {count} सदस्य ({from}–{to})",
  "quality.words.epic_pattern.shape": "मतदाता पहचान पत्र संख्या {epic} तीन अक्षर और सात अंकों के रूप में नहीं है",
  "quality.words.epic_pattern.serial": "मतदाता पहचान पत्र संख्या {epic} का क्रमांक बनावटी है (एक ही अंक दोहराया, या सीधा क्रम)",
  "quality.words.epic_pattern.placeholder": "मतदाता पहचान पत्र संख्या {epic} का अक्षर कोड बनावटी है",
  "quality.words.disowned": "व्यक्ति ने कहा कि वे सदस्य नहीं बने ({at})",
  "quality.words.more": "{list} और {n} अन्य",
  "quality.status.open": "खुला",
  "quality.status.confirmed": "असली पुष्ट",
  "quality.status.voided": "रद्द",
  "quality.status.cleared": "हटाया गया",
  "quality.standing.review": "जाँच में",
  "quality.standing.void": "रद्द",
};
