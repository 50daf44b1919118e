/**
 * Chhattisgarh geography: public facts (ECI delimitation 2008; districts after the 2022 reorganisation), kept
 * as data in geo-data.json. English names follow ../shared/data/cg-assembly-constituencies.csv; Hindi names in
 * Devanagari. Each AC lists its district slugs in CSV order.
 */
import data from "@/lib/seed/geo-data.json" with { type: "json" };

export type Reservation = "GEN" | "SC" | "ST";
export interface PcRow { no: number; name: string; nameHi: string; reserved: Reservation }
export interface DistrictRow { slug: string; name: string; nameHi: string; blocks: { name: string; nameHi: string }[] }
export interface AcRow { no: number; name: string; nameHi: string; reserved: Reservation; pcNo: number; districts: string[] }

export const STATE = data.state as { code: string; name: string; nameHi: string; lokSabhaSeats: number; assemblySeats: number };
export const PCS = data.pcs as PcRow[];
export const DISTRICTS = data.districts as DistrictRow[];
export const ACS = data.acs as AcRow[];
