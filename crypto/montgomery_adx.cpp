// Montgomery multiplication with MULX, ADCX and ADOX: the fast path behind crypto/montgomery.h,
// the same CIOS algorithm as multiply_portable in montgomery.cpp, line for line.
//
// What the instructions add. MULX (BMI2) multiplies two 64-bit words into a 128-bit product
// without touching the flags. ADCX adds with the carry flag CF and ADOX with the overflow flag OF,
// each leaving the other flag alone. So the row "t += a * b[i]" can run two carry chains at once,
// one collecting the low halves of the products a[j] * b[i] into t[j], the other their high
// halves into t[j+1], instead of one chain through a 128-bit sum per limb (Gopal et al., "Fast
// and Constant-Time Implementation of Modular Exponentiation", Intel, 2009; Intel white paper
// "New Instructions Supporting Large Integer Arithmetic on Intel Architecture Processors", 2012).
// The compiler decides how the chains are scheduled, and GCC 12 decides badly: it emits ADC for
// both (no ADCX/ADOX), saving and restoring the carry with SETC between them, which makes this
// path slower than the portable one today (docs/performance.md); the arithmetic is right either
// way, and an assembly version with the row in registers is what would pay off.
//
// Why it is constant time: MULX, ADCX and ADOX take the same time whatever their operands, the
// loops run over the public n, and the final subtraction is the masked one of montgomery.cpp.
//
// Portability: compiled for these instructions one function at a time (the target attribute), as
// aes_ni.cpp is, and called only after crypto/cpu.h said the CPU has them.
#include "crypto/montgomery_kernels.h"

#include <type_traits>

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#include <immintrin.h>
#define LUCID_MONTGOMERY_ADX_BUILT 1
#define ADX_FUNCTION __attribute__((target("adx,bmi2")))
#endif

namespace lucid::crypto::montgomery_kernels {

#if defined(LUCID_MONTGOMERY_ADX_BUILT)

namespace {

using Carry = unsigned char;

// sum = x + y + carry_in; returns the carry out. (The intrinsic writes an unsigned long long, a
// different type from Limb = std::uint64_t for the aliasing rules, hence the copy.)
ADX_FUNCTION inline Carry add_carry(Carry carry_in, Limb x, Limb y, Limb& sum) {
    unsigned long long out;
    const Carry carry = _addcarryx_u64(carry_in, x, y, &out);
    sum = out;
    return carry;
}

// The 128-bit product x * y as (low, high).
ADX_FUNCTION inline Limb multiply_wide(Limb x, Limb y, Limb& high) {
    unsigned long long hi;
    const Limb lo = _mulx_u64(x, y, &hi);
    high = hi;
    return lo;
}

// t[0..n+1] += x * y[0..n-1], t[n+1] being 0 on entry: the low halves of the products go
// through one carry chain (CF), the high halves through the other (OF).
template <typename Size>
ADX_FUNCTION inline void add_row(Limb* t, const Limb* y, Limb x, Size n) {
    Carry low = 0, high = 0;
    for (std::size_t j = 0; j < n; ++j) {
        Limb hi;
        const Limb lo = multiply_wide(x, y[j], hi);
        low = add_carry(low, t[j], lo, t[j]);
        high = add_carry(high, t[j + 1], hi, t[j + 1]);
    }
    // The low chain still owes its carry to t[n], the high chain to t[n + 1].
    const Carry last = add_carry(low, t[n], 0, t[n]);
    t[n + 1] = static_cast<Limb>(high) + last;
}

// t = (t + u * m) / 2^64 with u = t[0] * m_inverse, the sum written one limb lower.
template <typename Size>
ADX_FUNCTION inline void reduce_row(Limb* t, const Limb* m, Limb m_inverse, Size n) {
    const Limb u = t[0] * m_inverse;
    Carry low = 0, high = 0;
    Limb hi, dropped;  // the low limb of t + u * m is 0 by the choice of u
    Limb lo = multiply_wide(u, m[0], hi);
    low = add_carry(low, t[0], lo, dropped);
    high = add_carry(high, t[1], hi, t[1]);
    for (std::size_t j = 1; j < n; ++j) {
        lo = multiply_wide(u, m[j], hi);
        low = add_carry(low, t[j], lo, t[j - 1]);
        high = add_carry(high, t[j + 1], hi, t[j + 1]);
    }
    const Carry last = add_carry(low, t[n], 0, t[n - 1]);
    t[n] = t[n + 1] + high + last;
    t[n + 1] = 0;
}

// Koç, Acar & Kaliski 1996, CIOS (HAC Algorithm 14.36), as multiply_portable. Size as there.
template <typename Size>
ADX_FUNCTION inline void cios(Limb* out, const Limb* a, const Limb* b, const Limb* m, Limb m_inverse, Size n, Limb* t) {
    for (std::size_t j = 0; j < n + 2; ++j) t[j] = 0;
    for (std::size_t i = 0; i < n; ++i) {
        add_row(t, a, b[i], n);
        reduce_row(t, m, m_inverse, n);
    }
    final_subtraction(out, t, m, n);
}

}  // namespace

bool adx_built() { return true; }

ADX_FUNCTION void multiply_adx(Limb* out, const Limb* a, const Limb* b, const Limb* m, Limb m_inverse, std::size_t n,
                               Limb* t) {
    if (n == 16) return cios(out, a, b, m, m_inverse, std::integral_constant<std::size_t, 16>{}, t);  // RSA-2048 halves
    cios(out, a, b, m, m_inverse, n, t);
}

#else

bool adx_built() { return false; }

void multiply_adx(Limb*, const Limb*, const Limb*, const Limb*, Limb, std::size_t, Limb*) {}  // never called

#endif

}  // namespace lucid::crypto::montgomery_kernels
