/**
 * The states and union territories with a legislative assembly, by the two-letter code the membership numbers
 * use (vehicle-registration style: CG, MP, …): English and Hindi names and the constitutional seat counts.
 * Used only to create a state that a geography file names by code alone (`state` column) and the command line
 * does not name; `--state-name` / `--state-name-hi` always win. The seat counts bound the seat numbers an import
 * accepts (Lok Sabha: delimitation of 2008; assemblies as constituted in 2024).
 */
export interface KnownState {
  name: string;
  nameHi: string;
  lokSabhaSeats: number;
  assemblySeats: number;
}

export const KNOWN_STATES: Readonly<Record<string, KnownState>> = {
  AP: { name: "Andhra Pradesh", nameHi: "आंध्र प्रदेश", lokSabhaSeats: 25, assemblySeats: 175 },
  AR: { name: "Arunachal Pradesh", nameHi: "अरुणाचल प्रदेश", lokSabhaSeats: 2, assemblySeats: 60 },
  AS: { name: "Assam", nameHi: "असम", lokSabhaSeats: 14, assemblySeats: 126 },
  BR: { name: "Bihar", nameHi: "बिहार", lokSabhaSeats: 40, assemblySeats: 243 },
  CG: { name: "Chhattisgarh", nameHi: "छत्तीसगढ़", lokSabhaSeats: 11, assemblySeats: 90 },
  DL: { name: "Delhi", nameHi: "दिल्ली", lokSabhaSeats: 7, assemblySeats: 70 },
  GA: { name: "Goa", nameHi: "गोवा", lokSabhaSeats: 2, assemblySeats: 40 },
  GJ: { name: "Gujarat", nameHi: "गुजरात", lokSabhaSeats: 26, assemblySeats: 182 },
  HP: { name: "Himachal Pradesh", nameHi: "हिमाचल प्रदेश", lokSabhaSeats: 4, assemblySeats: 68 },
  HR: { name: "Haryana", nameHi: "हरियाणा", lokSabhaSeats: 10, assemblySeats: 90 },
  JH: { name: "Jharkhand", nameHi: "झारखंड", lokSabhaSeats: 14, assemblySeats: 81 },
  JK: { name: "Jammu and Kashmir", nameHi: "जम्मू और कश्मीर", lokSabhaSeats: 5, assemblySeats: 90 },
  KA: { name: "Karnataka", nameHi: "कर्नाटक", lokSabhaSeats: 28, assemblySeats: 224 },
  KL: { name: "Kerala", nameHi: "केरल", lokSabhaSeats: 20, assemblySeats: 140 },
  MH: { name: "Maharashtra", nameHi: "महाराष्ट्र", lokSabhaSeats: 48, assemblySeats: 288 },
  ML: { name: "Meghalaya", nameHi: "मेघालय", lokSabhaSeats: 2, assemblySeats: 60 },
  MN: { name: "Manipur", nameHi: "मणिपुर", lokSabhaSeats: 2, assemblySeats: 60 },
  MP: { name: "Madhya Pradesh", nameHi: "मध्य प्रदेश", lokSabhaSeats: 29, assemblySeats: 230 },
  MZ: { name: "Mizoram", nameHi: "मिज़ोरम", lokSabhaSeats: 1, assemblySeats: 40 },
  NL: { name: "Nagaland", nameHi: "नागालैंड", lokSabhaSeats: 1, assemblySeats: 60 },
  OD: { name: "Odisha", nameHi: "ओडिशा", lokSabhaSeats: 21, assemblySeats: 147 },
  PB: { name: "Punjab", nameHi: "पंजाब", lokSabhaSeats: 13, assemblySeats: 117 },
  PY: { name: "Puducherry", nameHi: "पुदुचेरी", lokSabhaSeats: 1, assemblySeats: 30 },
  RJ: { name: "Rajasthan", nameHi: "राजस्थान", lokSabhaSeats: 25, assemblySeats: 200 },
  SK: { name: "Sikkim", nameHi: "सिक्किम", lokSabhaSeats: 1, assemblySeats: 32 },
  TG: { name: "Telangana", nameHi: "तेलंगाना", lokSabhaSeats: 17, assemblySeats: 119 },
  TN: { name: "Tamil Nadu", nameHi: "तमिलनाडु", lokSabhaSeats: 39, assemblySeats: 234 },
  TR: { name: "Tripura", nameHi: "त्रिपुरा", lokSabhaSeats: 2, assemblySeats: 60 },
  UK: { name: "Uttarakhand", nameHi: "उत्तराखंड", lokSabhaSeats: 5, assemblySeats: 70 },
  UP: { name: "Uttar Pradesh", nameHi: "उत्तर प्रदेश", lokSabhaSeats: 80, assemblySeats: 403 },
  WB: { name: "West Bengal", nameHi: "पश्चिम बंगाल", lokSabhaSeats: 42, assemblySeats: 294 },
};

/** The format the `states` table's CHECK accepts. */
export const STATE_CODE = /^[A-Z]{2}$/;
