// The Montgomery multiplication kernels behind crypto/montgomery.h, one per instruction set, all
// with the same contract (internal to crypto/; the tests reach them through montgomery_multiply):
//   out = a * b * R^-1 mod m, R = 2^(64n), for a, b < m and m odd; out < m.
//   t is scratch of n + 2 limbs; out may be a or b (it is written only at the end, from t).
//   Constant time: loops over the public n, no branch or index on a, b or the result.
#pragma once

#include <cstddef>

#include "crypto/montgomery.h"

namespace lucid::crypto::montgomery_kernels {

using MultiplyFunction = void (*)(Limb* out, const Limb* a, const Limb* b, const Limb* m, Limb m_inverse,
                                  std::size_t n, Limb* t);

// montgomery.cpp: unsigned __int128, the one to read.
void multiply_portable(Limb* out, const Limb* a, const Limb* b, const Limb* m, Limb m_inverse, std::size_t n, Limb* t);

// montgomery.cpp: t (n + 1 limbs, t[n] 0 or 1, t < 2m) minus m if t >= m, into out (not t); with masks.
void final_subtraction(Limb* out, const Limb* t, const Limb* m, std::size_t n);

// montgomery_adx.cpp: MULX, ADCX, ADOX. Built only for x86-64 with GCC or Clang; call it only
// when cpu_has(CpuFeature::adx_bmi2).
bool adx_built();
void multiply_adx(Limb* out, const Limb* a, const Limb* b, const Limb* m, Limb m_inverse, std::size_t n, Limb* t);

}  // namespace lucid::crypto::montgomery_kernels
