/**
 * Names, religions and castes common in Chhattisgarh, for generated demo members and workers. Members are
 * typed in Devanagari or Latin script in about the proportions seen on paper membership books.
 */
export const FIRST_NAMES_M = [
  ["Ramesh", "रमेश"], ["Suresh", "सुरेश"], ["Mahesh", "महेश"], ["Dinesh", "दिनेश"], ["Rajesh", "राजेश"],
  ["Santosh", "संतोष"], ["Ramlal", "रामलाल"], ["Shyamlal", "श्यामलाल"], ["Bhupesh", "भूपेश"], ["Vishnu", "विष्णु"],
  ["Manoj", "मनोज"], ["Anil", "अनिल"], ["Sunil", "सुनील"], ["Devendra", "देवेंद्र"], ["Kishore", "किशोर"],
  ["Tikeshwar", "टिकेश्वर"], ["Lakhan", "लखन"], ["Budhram", "बुधराम"], ["Sukhram", "सुखराम"], ["Ghanshyam", "घनश्याम"],
  ["Vikas", "विकास"], ["Arun", "अरुण"], ["Pradeep", "प्रदीप"], ["Kamlesh", "कमलेश"], ["Narendra", "नरेन्द्र"],
  ["Rohit", "रोहित"], ["Ajay", "अजय"], ["Chandrakant", "चंद्रकांत"], ["Lalit", "ललित"], ["Tribhuvan", "त्रिभुवन"],
] as const;
export const FIRST_NAMES_F = [
  ["Sunita", "सुनीता"], ["Anita", "अनीता"], ["Kavita", "कविता"], ["Savitri", "सावित्री"], ["Lata", "लता"],
  ["Rekha", "रेखा"], ["Geeta", "गीता"], ["Sarita", "सरिता"], ["Pushpa", "पुष्पा"], ["Kamla", "कमला"],
  ["Radha", "राधा"], ["Sushila", "सुशीला"], ["Durga", "दुर्गा"], ["Lakshmi", "लक्ष्मी"], ["Meena", "मीना"],
  ["Priyanka", "प्रियंका"], ["Jyoti", "ज्योति"], ["Manisha", "मनीषा"], ["Phoolbasan", "फूलबासन"], ["Sukhmati", "सुखमती"],
  ["Neha", "नेहा"], ["Pooja", "पूजा"], ["Rashmi", "रश्मि"], ["Shanti", "शांति"], ["Chandrika", "चंद्रिका"],
] as const;
export const SURNAMES = [
  ["Sahu", "साहू"], ["Verma", "वर्मा"], ["Patel", "पटेल"], ["Yadav", "यादव"], ["Sinha", "सिन्हा"],
  ["Netam", "नेताम"], ["Markam", "मरकाम"], ["Kashyap", "कश्यप"], ["Dhruw", "ध्रुव"], ["Banjare", "बंजारे"],
  ["Tandon", "टंडन"], ["Chandrakar", "चंद्राकर"], ["Sharma", "शर्मा"], ["Tiwari", "तिवारी"], ["Singh", "सिंह"],
  ["Mandavi", "मंडावी"], ["Kunjam", "कुंजाम"], ["Baghel", "बघेल"], ["Nishad", "निषाद"], ["Dewangan", "देवांगन"],
  ["Kanwar", "कंवर"], ["Paikra", "पैकरा"], ["Tekam", "टेकाम"], ["Jangde", "जांगड़े"], ["Agrawal", "अग्रवाल"],
  ["Thakur", "ठाकुर"], ["Sonwani", "सोनवानी"], ["Minj", "मिंज"], ["Kujur", "कुजूर"], ["Uike", "उइके"],
] as const;

export const RELIGIONS = [
  ["Hindu", 0.925],
  ["Christian", 0.025],
  ["Muslim", 0.02],
  ["Buddhist", 0.003],
  ["Sikh", 0.003],
  ["Jain", 0.002],
  ["Other", 0.022],
] as const;

export const CASTES_BY_CATEGORY = {
  SC: ["Satnami", "Mahar", "Ganda", "Chamar", "Dom"],
  ST: ["Gond", "Kanwar", "Oraon", "Halba", "Baiga", "Bhatra", "Muria", "Kawar"],
  OBC: ["Sahu", "Kurmi", "Yadav", "Kalar", "Marar", "Nishad", "Dewangan", "Lodhi"],
  GEN: ["Brahmin", "Rajput", "Agrawal", "Kayastha", "Maratha"],
} as const;

export const BOOTH_BUILDINGS = [
  ["Govt. Primary School", "शासकीय प्राथमिक शाला"],
  ["Govt. Middle School", "शासकीय पूर्व माध्यमिक शाला"],
  ["Govt. Higher Secondary School", "शासकीय उच्चतर माध्यमिक विद्यालय"],
  ["Panchayat Bhavan", "पंचायत भवन"],
  ["Anganwadi Kendra", "आंगनबाड़ी केंद्र"],
  ["Community Hall", "सामुदायिक भवन"],
] as const;
