// Capitals of the world's states, which news writes for their governments ("Tehran denied",
// "Washington said"): a general fact of the language of news, as the lexicon's lists are. Country
// names as English writes them; a few states have their capital under more than one spelling.

/** Capital → the state's names. */
export const CAPITAL_OF: ReadonlyMap<string, readonly string[]> = new Map(
  (
    [
      ['Kabul', 'Afghanistan'], ['Tirana', 'Albania'], ['Algiers', 'Algeria'], ['Andorra la Vella', 'Andorra'], ['Luanda', 'Angola'], ['Buenos Aires', 'Argentina'],
      ['Yerevan', 'Armenia'], ['Canberra', 'Australia'], ['Vienna', 'Austria'], ['Baku', 'Azerbaijan'], ['Nassau', 'Bahamas'], ['Manama', 'Bahrain'], ['Dhaka', 'Bangladesh'],
      ['Minsk', 'Belarus'], ['Brussels', 'Belgium'], ['Belmopan', 'Belize'], ['Porto-Novo', 'Benin'], ['Thimphu', 'Bhutan'], ['La Paz', 'Bolivia'], ['Sarajevo', 'Bosnia and Herzegovina'],
      ['Gaborone', 'Botswana'], ['Brasília', 'Brazil'], ['Brasilia', 'Brazil'], ['Sofia', 'Bulgaria'], ['Ouagadougou', 'Burkina Faso'], ['Gitega', 'Burundi'], ['Phnom Penh', 'Cambodia'],
      ['Yaoundé', 'Cameroon'], ['Ottawa', 'Canada'], ['Praia', 'Cape Verde'], ['Bangui', 'Central African Republic'], ["N'Djamena", 'Chad'], ['Santiago', 'Chile'], ['Beijing', 'China'],
      ['Bogotá', 'Colombia'], ['Bogota', 'Colombia'], ['Kinshasa', 'Democratic Republic of the Congo'], ['Brazzaville', 'Republic of the Congo'], ['San José', 'Costa Rica'], ['Zagreb', 'Croatia'],
      ['Havana', 'Cuba'], ['Nicosia', 'Cyprus'], ['Prague', 'Czech Republic', 'Czechia'], ['Copenhagen', 'Denmark'], ['Djibouti', 'Djibouti'], ['Santo Domingo', 'Dominican Republic'],
      ['Quito', 'Ecuador'], ['Cairo', 'Egypt'], ['San Salvador', 'El Salvador'], ['Asmara', 'Eritrea'], ['Tallinn', 'Estonia'], ['Addis Ababa', 'Ethiopia'], ['Suva', 'Fiji'],
      ['Helsinki', 'Finland'], ['Paris', 'France'], ['Libreville', 'Gabon'], ['Banjul', 'Gambia'], ['Tbilisi', 'Georgia'], ['Berlin', 'Germany'], ['Accra', 'Ghana'], ['Athens', 'Greece'],
      ['Guatemala City', 'Guatemala'], ['Conakry', 'Guinea'], ['Georgetown', 'Guyana'], ['Port-au-Prince', 'Haiti'], ['Tegucigalpa', 'Honduras'], ['Budapest', 'Hungary'],
      ['Reykjavik', 'Iceland'], ['New Delhi', 'India'], ['Jakarta', 'Indonesia'], ['Tehran', 'Iran'], ['Baghdad', 'Iraq'], ['Dublin', 'Ireland'], ['Jerusalem', 'Israel'], ['Rome', 'Italy'],
      ['Kingston', 'Jamaica'], ['Tokyo', 'Japan'], ['Amman', 'Jordan'], ['Astana', 'Kazakhstan'], ['Nairobi', 'Kenya'], ['Pristina', 'Kosovo'], ['Kuwait City', 'Kuwait'], ['Bishkek', 'Kyrgyzstan'],
      ['Vientiane', 'Laos'], ['Riga', 'Latvia'], ['Beirut', 'Lebanon'], ['Maseru', 'Lesotho'], ['Monrovia', 'Liberia'], ['Tripoli', 'Libya'], ['Vaduz', 'Liechtenstein'], ['Vilnius', 'Lithuania'],
      ['Luxembourg', 'Luxembourg'], ['Antananarivo', 'Madagascar'], ['Lilongwe', 'Malawi'], ['Kuala Lumpur', 'Malaysia'], ['Malé', 'Maldives'], ['Bamako', 'Mali'], ['Valletta', 'Malta'],
      ['Nouakchott', 'Mauritania'], ['Port Louis', 'Mauritius'], ['Mexico City', 'Mexico'], ['Chisinau', 'Moldova'], ['Monaco', 'Monaco'], ['Ulaanbaatar', 'Mongolia'], ['Podgorica', 'Montenegro'],
      ['Rabat', 'Morocco'], ['Maputo', 'Mozambique'], ['Naypyidaw', 'Myanmar'], ['Windhoek', 'Namibia'], ['Kathmandu', 'Nepal'], ['Amsterdam', 'Netherlands'], ['The Hague', 'Netherlands'],
      ['Wellington', 'New Zealand'], ['Managua', 'Nicaragua'], ['Niamey', 'Niger'], ['Abuja', 'Nigeria'], ['Pyongyang', 'North Korea'], ['Skopje', 'North Macedonia'], ['Oslo', 'Norway'],
      ['Muscat', 'Oman'], ['Islamabad', 'Pakistan'], ['Panama City', 'Panama'], ['Port Moresby', 'Papua New Guinea'], ['Asunción', 'Paraguay'], ['Lima', 'Peru'], ['Manila', 'Philippines'],
      ['Warsaw', 'Poland'], ['Lisbon', 'Portugal'], ['Doha', 'Qatar'], ['Bucharest', 'Romania'], ['Moscow', 'Russia'], ['Kigali', 'Rwanda'], ['Riyadh', 'Saudi Arabia'], ['Dakar', 'Senegal'],
      ['Belgrade', 'Serbia'], ['Freetown', 'Sierra Leone'], ['Singapore', 'Singapore'], ['Bratislava', 'Slovakia'], ['Ljubljana', 'Slovenia'], ['Mogadishu', 'Somalia'], ['Pretoria', 'South Africa'],
      ['Seoul', 'South Korea'], ['Juba', 'South Sudan'], ['Madrid', 'Spain'], ['Colombo', 'Sri Lanka'], ['Khartoum', 'Sudan'], ['Paramaribo', 'Suriname'], ['Stockholm', 'Sweden'], ['Bern', 'Switzerland'],
      ['Damascus', 'Syria'], ['Taipei', 'Taiwan'], ['Dushanbe', 'Tajikistan'], ['Dodoma', 'Tanzania'], ['Bangkok', 'Thailand'], ['Lomé', 'Togo'], ['Tunis', 'Tunisia'], ['Ankara', 'Turkey', 'Türkiye'],
      ['Ashgabat', 'Turkmenistan'], ['Kampala', 'Uganda'], ['Kyiv', 'Ukraine'], ['Kiev', 'Ukraine'], ['Abu Dhabi', 'United Arab Emirates'], ['London', 'United Kingdom', 'UK', 'Britain'],
      ['Washington', 'United States', 'US', 'USA', 'America'], ['Montevideo', 'Uruguay'], ['Tashkent', 'Uzbekistan'], ['Caracas', 'Venezuela'], ['Hanoi', 'Vietnam'], ['Sanaa', 'Yemen'],
      ['Lusaka', 'Zambia'], ['Harare', 'Zimbabwe'], ['Ramallah', 'Palestine'], ['Vatican City', 'Vatican'],
    ] as Array<[string, ...string[]]>
  ).map(([capital, ...states]) => [capital, states]),
);
