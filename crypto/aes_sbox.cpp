// The AES S-box as a Boolean circuit, evaluated on bit planes ("bit-slicing").
//
// Why a circuit and not a table: see the header of aes.cpp. In short, S[x] read from memory
// touches a cache line chosen by x, and x depends on the key.
//
// How it works, in three steps:
//
// 1. Bit-slicing (aes_planes.h). The bytes of up to four blocks are rearranged into 8 "bit
//    planes": plane[i] is a 64-bit number holding bit i of each of the 64 bytes. One AND of two
//    planes is then 64 ANDs, one for each byte, done by a single instruction. Any function of a
//    byte that is written as a circuit of AND/XOR/NOT gates on its 8 bits can now be applied to all
//    the bytes at the cost of applying it once, and no gate looks at the value it is working on.
//
// 2. The circuit. S(x) = A(x^-1) + 0x63 (FIPS 197 §5.1.1). Inverting in GF(2^8) directly is
//    costly, so circuit designers write GF(2^8) as a tower of fields, GF(((2^2)^2)^2), where an
//    inverse needs only a few GF(2^4) and GF(2^2) multiplications (Canright 2005). Joan Boyar and
//    René Peralta then searched for the smallest, shallowest circuit computing the whole S-box;
//    we use the one from "A depth-16 circuit for the AES S-box" (SEC 2012, IACR ePrint 2011/332),
//    128 gates: 34 AND, 94 XOR/XNOR. It has three layers:
//      - a top linear layer (T1..T27): XORs that map the input bits into the tower basis, ready
//        for the multiplications;
//      - a middle non-linear layer (M1..M63): the GF(2^4) inversion, where all the ANDs are;
//      - a bottom linear layer (L0..L29, S0..S7): back to the AES basis, with the affine map A and
//        the constant 0x63 folded in (the four XNORs are the bits of 0x63).
//    The paper numbers bits from the most significant: U0 is bit 7 of the input, S0 bit 7 of the
//    output. Each line below is one gate of the paper.
//
// 3. The inverse S-box. Write Inv(x) = x^-1 and Affine(y) = A(y) + 0x63, so S = Affine o Inv.
//    FIPS 197 §5.3.2 gives the inverse affine map InvAffine(y) = A^-1(y) + 0x05. Then
//        InvAffine(S(x)) = Inv(x)              (the forward circuit, with its affine step undone)
//        InvS(y) = Inv(InvAffine(y)) = InvAffine(S(InvAffine(y))).
//    So InvSubBytes is the same circuit with an InvAffine (a few XORs of planes) on each side.
//    Dedicated circuits for the inverse have been published too; reusing the forward one keeps
//    a single circuit to check, at the price of 32 more XORs and 4 NOTs per call.
//
// Everything here is constant time: shifts by public amounts, AND/XOR/NOT, no branch and no
// memory index that depends on the bytes.
#include "crypto/aes_sbox.h"

#include <array>

namespace lucid::crypto {

namespace {

// Bits of absent blocks are don't-care: NOT sets them, and aes_store_planes only reads the bits
// of real blocks.
using Plane = AesPlane;
using Planes = AesPlanes;

// FIPS 197 §5.1.1: S(x) = A(x^-1) + 0x63, as Boyar and Peralta's depth-16 circuit.
void sbox_circuit(Planes& q) {
    const Plane U0 = q[7], U1 = q[6], U2 = q[5], U3 = q[4];
    const Plane U4 = q[3], U5 = q[2], U6 = q[1], U7 = q[0];

    // Top linear layer.
    const Plane T1 = U0 ^ U3;
    const Plane T2 = U0 ^ U5;
    const Plane T3 = U0 ^ U6;
    const Plane T4 = U3 ^ U5;
    const Plane T5 = U4 ^ U6;
    const Plane T6 = T1 ^ T5;
    const Plane T7 = U1 ^ U2;
    const Plane T8 = U7 ^ T6;
    const Plane T9 = U7 ^ T7;
    const Plane T10 = T6 ^ T7;
    const Plane T11 = U1 ^ U5;
    const Plane T12 = U2 ^ U5;
    const Plane T13 = T3 ^ T4;
    const Plane T14 = T6 ^ T11;
    const Plane T15 = T5 ^ T11;
    const Plane T16 = T5 ^ T12;
    const Plane T17 = T9 ^ T16;
    const Plane T18 = U3 ^ U7;
    const Plane T19 = T7 ^ T18;
    const Plane T20 = T1 ^ T19;
    const Plane T21 = U6 ^ U7;
    const Plane T22 = T7 ^ T21;
    const Plane T23 = T2 ^ T22;
    const Plane T24 = T2 ^ T10;
    const Plane T25 = T20 ^ T17;
    const Plane T26 = T3 ^ T16;
    const Plane T27 = T1 ^ T12;
    const Plane D = U7;

    // Middle non-linear layer: the inversion in the tower field.
    const Plane M1 = T13 & T6;
    const Plane M2 = T23 & T8;
    const Plane M3 = T14 ^ M1;
    const Plane M4 = T19 & D;
    const Plane M5 = M4 ^ M1;
    const Plane M6 = T3 & T16;
    const Plane M7 = T22 & T9;
    const Plane M8 = T26 ^ M6;
    const Plane M9 = T20 & T17;
    const Plane M10 = M9 ^ M6;
    const Plane M11 = T1 & T15;
    const Plane M12 = T4 & T27;
    const Plane M13 = M12 ^ M11;
    const Plane M14 = T2 & T10;
    const Plane M15 = M14 ^ M11;
    const Plane M16 = M3 ^ M2;
    const Plane M17 = M5 ^ T24;
    const Plane M18 = M8 ^ M7;
    const Plane M19 = M10 ^ M15;
    const Plane M20 = M16 ^ M13;
    const Plane M21 = M17 ^ M15;
    const Plane M22 = M18 ^ M13;
    const Plane M23 = M19 ^ T25;
    const Plane M24 = M22 ^ M23;
    const Plane M25 = M22 & M20;
    const Plane M26 = M21 ^ M25;
    const Plane M27 = M20 ^ M21;
    const Plane M28 = M23 ^ M25;
    const Plane M29 = M28 & M27;
    const Plane M30 = M26 & M24;
    const Plane M31 = M20 & M23;
    const Plane M32 = M27 & M31;
    const Plane M33 = M27 ^ M25;
    const Plane M34 = M21 & M22;
    const Plane M35 = M24 & M34;
    const Plane M36 = M24 ^ M25;
    const Plane M37 = M21 ^ M29;
    const Plane M38 = M32 ^ M33;
    const Plane M39 = M23 ^ M30;
    const Plane M40 = M35 ^ M36;
    const Plane M41 = M38 ^ M40;
    const Plane M42 = M37 ^ M39;
    const Plane M43 = M37 ^ M38;
    const Plane M44 = M39 ^ M40;
    const Plane M45 = M42 ^ M41;
    const Plane M46 = M44 & T6;
    const Plane M47 = M40 & T8;
    const Plane M48 = M39 & D;
    const Plane M49 = M43 & T16;
    const Plane M50 = M38 & T9;
    const Plane M51 = M37 & T17;
    const Plane M52 = M42 & T15;
    const Plane M53 = M45 & T27;
    const Plane M54 = M41 & T10;
    const Plane M55 = M44 & T13;
    const Plane M56 = M40 & T23;
    const Plane M57 = M39 & T19;
    const Plane M58 = M43 & T3;
    const Plane M59 = M38 & T22;
    const Plane M60 = M37 & T20;
    const Plane M61 = M42 & T1;
    const Plane M62 = M45 & T4;
    const Plane M63 = M41 & T2;

    // Bottom linear layer, with the affine map A and the constant 0x63.
    const Plane L0 = M61 ^ M62;
    const Plane L1 = M50 ^ M56;
    const Plane L2 = M46 ^ M48;
    const Plane L3 = M47 ^ M55;
    const Plane L4 = M54 ^ M58;
    const Plane L5 = M49 ^ M61;
    const Plane L6 = M62 ^ L5;
    const Plane L7 = M46 ^ L3;
    const Plane L8 = M51 ^ M59;
    const Plane L9 = M52 ^ M53;
    const Plane L10 = M53 ^ L4;
    const Plane L11 = M60 ^ L2;
    const Plane L12 = M48 ^ M51;
    const Plane L13 = M50 ^ L0;
    const Plane L14 = M52 ^ M61;
    const Plane L15 = M55 ^ L1;
    const Plane L16 = M56 ^ L0;
    const Plane L17 = M57 ^ L1;
    const Plane L18 = M58 ^ L8;
    const Plane L19 = M63 ^ L4;
    const Plane L20 = L0 ^ L1;
    const Plane L21 = L1 ^ L7;
    const Plane L22 = L3 ^ L12;
    const Plane L23 = L18 ^ L2;
    const Plane L24 = L15 ^ L9;
    const Plane L25 = L6 ^ L10;
    const Plane L26 = L7 ^ L9;
    const Plane L27 = L8 ^ L10;
    const Plane L28 = L11 ^ L14;
    const Plane L29 = L11 ^ L17;

    q[7] = L6 ^ L24;      // S0
    q[6] = ~(L16 ^ L26);  // S1 (XNOR)
    q[5] = ~(L19 ^ L28);  // S2 (XNOR)
    q[4] = L6 ^ L21;      // S3
    q[3] = L20 ^ L22;     // S4
    q[2] = L25 ^ L29;     // S5
    q[1] = ~(L13 ^ L27);  // S6 (XNOR)
    q[0] = ~(L6 ^ L23);   // S7 (XNOR)
}

// FIPS 197 §5.3.2, the inverse affine map: b'_i = b_(i+2) + b_(i+5) + b_(i+7) + d_i (indices
// mod 8), d = 0x05. Bit i of every byte is plane i, so each output plane is an XOR of three
// input planes, complemented where d has a one (bits 0 and 2). Written out for i = 0..7 (as a
// loop with "% 8" the compiler produced slow code).
void inverse_affine(Planes& q) {
    const Planes b = q;
    q[0] = ~(b[2] ^ b[5] ^ b[7]);
    q[1] = b[3] ^ b[6] ^ b[0];
    q[2] = ~(b[4] ^ b[7] ^ b[1]);
    q[3] = b[5] ^ b[0] ^ b[2];
    q[4] = b[6] ^ b[1] ^ b[3];
    q[5] = b[7] ^ b[2] ^ b[4];
    q[6] = b[0] ^ b[3] ^ b[5];
    q[7] = b[1] ^ b[4] ^ b[6];
}

}  // namespace

void aes_sub_bytes(AesPlanes& planes) { sbox_circuit(planes); }

void aes_inv_sub_bytes(AesPlanes& planes) {
    inverse_affine(planes);
    sbox_circuit(planes);
    inverse_affine(planes);
}

void aes_sub_bytes(std::span<std::uint8_t, 16> bytes) {
    AesPlanes q = aes_load_planes(bytes);
    aes_sub_bytes(q);
    aes_store_planes(q, bytes);
}

void aes_inv_sub_bytes(std::span<std::uint8_t, 16> bytes) {
    AesPlanes q = aes_load_planes(bytes);
    aes_inv_sub_bytes(q);
    aes_store_planes(q, bytes);
}

}  // namespace lucid::crypto
