// Record-level specs for the record tests, written out from RFC 5246 Appendix C ("Key Material",
// "IV Size", "Block Size") and §6.2.3.1 (MAC length = hash size), not taken from the suite table,
// so that the record layer is checked against numbers typed from the RFC.
#pragma once

#include "record/cipher_state.h"

namespace lucid::record::test {

// A CBC (or, with BulkCipher::null, a NULL stream) spec with the sizes of Appendix C.
inline CipherSpec spec_for(BulkCipher bulk, MacAlgorithm mac) {
    CipherSpec s;
    s.bulk = bulk;
    s.mac = mac;
    s.mac_length = mac_length(mac);
    if (bulk == BulkCipher::null) return s;  // kind stream, no key, no IV
    s.kind = CipherKind::block;
    s.enc_key_length = bulk == BulkCipher::aes_128_cbc ? 16 : 32;
    s.fixed_iv_length = 16;
    s.record_iv_length = 16;
    s.block_length = 16;
    return s;
}

}  // namespace lucid::record::test
