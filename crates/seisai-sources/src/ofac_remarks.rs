//! Parsing of the OFAC SDN Remarks text (a.k.a., DOB, POB, passports…).
