// Constant-time modular exponentiation with Montgomery multiplication: the secret-exponent
// powers of the RSA private-key operation (crypto/rsa.cpp, the CRT halves c^dP mod p, c^dQ mod q).
//
// Numbers are little-endian arrays of 64-bit limbs (limb 0 is the least significant), all of the
// same length n, which is public (16 limbs for the 1024-bit halves of RSA-2048). The modulus m is
// odd and its top limb is not zero; R = 2^(64n).
//
// Montgomery's idea (P. L. Montgomery, "Modular multiplication without trial division", 1985):
// keep every number x as x*R mod m ("Montgomery form"). The product of two such numbers is then
// brought back to Montgomery form by dividing by R mod m, and dividing by R is cheap: add the
// multiple of m that makes the low limb zero and shift by one limb, n times. No division by m
// ever happens, and the work is the same whatever the values: the loops run over the public n.
//
// What is secret and what is public. Secret: the base and the exponent (and so every intermediate
// value and the result). Public: n, the modulus and R^2 mod m (the callers' moduli are the primes
// p and q, which the RSA code treats like GMP does, see crypto/rsa.cpp), and the exponent's
// bit width, which the caller gives as a fact about the key (|p|), not about the exponent.
// No branch and no memory address depends on a secret: the windows of the exponent are read at
// public bit positions, the table of powers is read whole with masks (ct.h), and the final
// subtraction of each multiplication is done with masks too. tests/ct/ct_check.cpp checks that
// under Valgrind with the base and the exponent marked undefined.
//
// Two implementations of the multiplication, the same function: a portable one in
// montgomery.cpp with unsigned __int128 (the one to read next to the algorithm), and one in
// montgomery_adx.cpp with the x86 MULX, ADCX and ADOX instructions (two carry chains at once),
// chosen at run time through crypto/cpu.h (CpuFeature::adx_bmi2; LUCID_CPU=portable forces the
// portable one).
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>

namespace lucid::crypto {

using Limb = std::uint64_t;

// Which Montgomery multiplication montgomery_power uses. `best` asks crypto/cpu.h.
enum class MontgomeryPath { best, portable, adx };

// The path `best` resolves to on this machine now ("adx" or "portable"), for reports and tests.
MontgomeryPath montgomery_best_path();
const char* montgomery_path_name(MontgomeryPath path);

// -m0^-1 mod 2^64 for an odd m0: the factor that makes t + q*m divisible by 2^64 when q = t0 * it.
Limb montgomery_word_inverse(Limb m0);

// R^2 mod m, computed by doubling (the modulus is public, so this may take its time): what
// montgomery_power needs to bring the base into Montgomery form. out and m have n limbs.
void montgomery_r_squared(std::span<Limb> out, std::span<const Limb> m);

// out = base^exponent mod m, with base < m, m odd with a non-zero top limb, r_squared = R^2 mod m
// and exponent_bits a public bound on the exponent's width (bits above it are ignored); every
// span but `exponent` has the modulus's n limbs, `exponent` has at least ceil(exponent_bits / 64)
// limbs. Constant time in base and exponent (see above). Fails (crypto::Error) on inconsistent
// sizes, an even modulus, or the adx path asked for on a CPU without it.
void montgomery_power(std::span<Limb> out, std::span<const Limb> base, std::span<const Limb> exponent,
                      std::size_t exponent_bits, std::span<const Limb> m, std::span<const Limb> r_squared,
                      MontgomeryPath path = MontgomeryPath::best);

// The multiplication itself, out = a * b * R^-1 mod m for a, b < m (out < m), exposed for the
// tests (each path against GMP) and the constant-time check. `scratch` has n + 2 limbs; out may
// be a or b. m_inverse = montgomery_word_inverse(m[0]).
void montgomery_multiply(std::span<Limb> out, std::span<const Limb> a, std::span<const Limb> b,
                         std::span<const Limb> m, Limb m_inverse, std::span<Limb> scratch,
                         MontgomeryPath path = MontgomeryPath::best);

}  // namespace lucid::crypto
