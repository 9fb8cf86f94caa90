// Montgomery multiplication and a fixed-window exponentiation, constant time (see montgomery.h).
// The portable multiplication is here; the MULX/ADX one is in montgomery_adx.cpp.
#include "crypto/montgomery.h"

#include <algorithm>
#include <type_traits>
#include <vector>

#include "crypto/cpu.h"
#include "crypto/ct.h"
#include "crypto/error.h"
#include "crypto/montgomery_kernels.h"

namespace lucid::crypto {

namespace montgomery_kernels {

namespace {
__extension__ typedef unsigned __int128 Wide;  // a 64 x 64 -> 128-bit product and its carries (GCC/Clang)
}  // namespace

// HAC Algorithm 14.36 step 3 (the final "if A >= m then A <- A - m"), done with masks: the
// subtraction always happens, and its result or t is kept according to the borrow. t < 2m, so
// one subtraction is enough. When t[n] = 1, t >= R > m and the borrow of the low n limbs is
// cancelled by t[n]; when t[n] = 0 the borrow says t < m. Secret: t; public: m and n.
void final_subtraction(Limb* out, const Limb* t, const Limb* m, std::size_t n) {
    Limb borrow = 0;
    for (std::size_t j = 0; j < n; ++j) {
        const Wide d = static_cast<Wide>(t[j]) - m[j] - borrow;
        out[j] = static_cast<Limb>(d);
        borrow = static_cast<Limb>(d >> 64) & 1;
    }
    const ct::Mask64 keep_t = ct::mask64_from_bit(borrow & ~t[n] & 1);
    for (std::size_t j = 0; j < n; ++j) out[j] = ct::select64(keep_t, t[j], out[j]);
}

// Koç, Acar & Kaliski, "Analyzing and Comparing Montgomery Multiplication Algorithms" (IEEE
// Micro, 1996) §"CIOS", which is HAC Algorithm 14.36 with the multiplication by b[i] and the
// reduction interleaved limb by limb. Invariant at the top of each round: t < 2m (n + 1 limbs).
//
// Size is std::size_t, or a compile-time constant (std::integral_constant) for the common sizes,
// so that the compiler can unroll the loops; the arithmetic is the same.
template <typename Size>
inline void cios(Limb* out, const Limb* a, const Limb* b, const Limb* m, Limb m_inverse, Size n, Limb* t) {
    for (std::size_t j = 0; j < n + 2; ++j) t[j] = 0;
    for (std::size_t i = 0; i < n; ++i) {
        // t = t + a * b[i]   (HAC 14.36 step 2.2, the x_i * y part)
        Limb carry = 0;
        for (std::size_t j = 0; j < n; ++j) {
            const Wide s = static_cast<Wide>(a[j]) * b[i] + t[j] + carry;
            t[j] = static_cast<Limb>(s);
            carry = static_cast<Limb>(s >> 64);
        }
        Wide s = static_cast<Wide>(t[n]) + carry;
        t[n] = static_cast<Limb>(s);
        t[n + 1] = static_cast<Limb>(s >> 64);

        // u = t[0] * (-m^-1) mod 2^64 (step 2.1), so that t + u * m ends in a zero limb;
        // t = (t + u * m) / 2^64: the sum is written one limb lower, which is the division.
        const Limb u = t[0] * m_inverse;
        s = static_cast<Wide>(u) * m[0] + t[0];
        carry = static_cast<Limb>(s >> 64);
        for (std::size_t j = 1; j < n; ++j) {
            s = static_cast<Wide>(u) * m[j] + t[j] + carry;
            t[j - 1] = static_cast<Limb>(s);
            carry = static_cast<Limb>(s >> 64);
        }
        s = static_cast<Wide>(t[n]) + carry;
        t[n - 1] = static_cast<Limb>(s);
        t[n] = t[n + 1] + static_cast<Limb>(s >> 64);
    }
    final_subtraction(out, t, m, n);
}

void multiply_portable(Limb* out, const Limb* a, const Limb* b, const Limb* m, Limb m_inverse, std::size_t n, Limb* t) {
    if (n == 16) return cios(out, a, b, m, m_inverse, std::integral_constant<std::size_t, 16>{}, t);  // RSA-2048 halves
    cios(out, a, b, m, m_inverse, n, t);
}

}  // namespace montgomery_kernels

namespace {

namespace kernels = montgomery_kernels;

constexpr unsigned window_bits = 5;                  // 2^5 = 32 precomputed powers
constexpr std::size_t table_entries = 1u << window_bits;

kernels::MultiplyFunction multiply_for(MontgomeryPath path) {
    if (path == MontgomeryPath::best) path = montgomery_best_path();
    if (path == MontgomeryPath::adx) {
        if (!kernels::adx_built() || !cpu_has(CpuFeature::adx_bmi2)) {
            throw Error("Montgomery multiplication: the MULX/ADX path is not available on this CPU");
        }
        return kernels::multiply_adx;
    }
    return kernels::multiply_portable;
}

void check_modulus(std::span<const Limb> m) {
    if (m.empty() || (m[0] & 1) == 0 || m.back() == 0 || (m.size() == 1 && m[0] == 1)) {
        throw Error("Montgomery arithmetic: the modulus must be odd and above 1, with a non-zero top limb");
    }
}

// The exponent's bits [position, position + window_bits), those at or above `width` read as 0.
// position and width are public; the value returned is secret.
std::uint32_t window_at(std::span<const Limb> exponent, std::size_t position, std::size_t width) {
    const std::size_t limb = position / 64, shift = position % 64;
    Limb bits = 0;
    if (limb < exponent.size()) bits = exponent[limb] >> shift;
    if (shift + window_bits > 64 && limb + 1 < exponent.size()) bits |= exponent[limb + 1] << (64 - shift);
    const std::size_t valid = width - position < window_bits ? width - position : window_bits;
    return static_cast<std::uint32_t>(bits & ((Limb{1} << valid) - 1));
}

// Scratch space for one exponentiation, wiped when it dies: it holds powers of the secret base.
class Workspace {
public:
    explicit Workspace(std::size_t limbs) : limbs_(limbs, 0) {}
    Workspace(const Workspace&) = delete;
    Workspace& operator=(const Workspace&) = delete;
    ~Workspace() { ct::wipe(limbs_.data(), limbs_.size() * sizeof(Limb)); }
    Limb* at(std::size_t offset) { return limbs_.data() + offset; }

private:
    std::vector<Limb> limbs_;
};

}  // namespace

MontgomeryPath montgomery_best_path() {
    return kernels::adx_built() && cpu_use(CpuFeature::adx_bmi2) ? MontgomeryPath::adx : MontgomeryPath::portable;
}

const char* montgomery_path_name(MontgomeryPath path) {
    switch (path) {
    case MontgomeryPath::best: return montgomery_path_name(montgomery_best_path());
    case MontgomeryPath::portable: return "portable";
    case MontgomeryPath::adx: return "adx";
    }
    return "?";
}

// Dussé & Kaliski (EUROCRYPT '90): Newton's iteration x <- x * (2 - m0 * x) doubles the number
// of correct low bits of m0^-1 mod 2^64; x = m0 is right to 3 bits for odd m0 (m0 * m0 = 1 mod 8),
// so five rounds give 96 >= 64. m0 is public.
Limb montgomery_word_inverse(Limb m0) {
    Limb x = m0;
    for (int round = 0; round < 5; ++round) x *= 2 - m0 * x;
    return 0 - x;
}

// R^2 mod m = 2^(128n) mod m by doubling 1 that many times, subtracting m whenever the double
// reaches it (m is public, so this need not hide anything; it uses the same masked subtraction).
void montgomery_r_squared(std::span<Limb> out, std::span<const Limb> m) {
    check_modulus(m);
    const std::size_t n = m.size();
    if (out.size() != n) throw Error("montgomery_r_squared: output size differs from the modulus");
    std::vector<Limb> doubled(n + 1, 0);
    std::fill(out.begin(), out.end(), Limb{0});
    out[0] = 1;  // 1 < m (check_modulus)
    for (std::size_t doubling = 0; doubling < 128 * n; ++doubling) {
        Limb carry = 0;
        for (std::size_t j = 0; j < n; ++j) {
            doubled[j] = (out[j] << 1) | carry;
            carry = out[j] >> 63;
        }
        doubled[n] = carry;
        kernels::final_subtraction(out.data(), doubled.data(), m.data(), n);  // 2x < 2m
    }
}

void montgomery_multiply(std::span<Limb> out, std::span<const Limb> a, std::span<const Limb> b,
                         std::span<const Limb> m, Limb m_inverse, std::span<Limb> scratch, MontgomeryPath path) {
    check_modulus(m);
    const std::size_t n = m.size();
    if (out.size() != n || a.size() != n || b.size() != n || scratch.size() < n + 2) {
        throw Error("montgomery_multiply: operand sizes differ from the modulus");
    }
    multiply_for(path)(out.data(), a.data(), b.data(), m.data(), m_inverse, n, scratch.data());
}

// HAC Algorithm 14.82 (left-to-right k-ary exponentiation, k = 2^5) in Montgomery form (HAC
// Algorithm 14.94), with a fixed window: every window of the exponent costs five squarings and
// one multiplication, including the windows that are zero (a zero window multiplies by table[0],
// which is 1 in Montgomery form), so the sequence of operations depends only on exponent_bits.
void montgomery_power(std::span<Limb> out, std::span<const Limb> base, std::span<const Limb> exponent,
                      std::size_t exponent_bits, std::span<const Limb> m, std::span<const Limb> r_squared,
                      MontgomeryPath path) {
    check_modulus(m);
    const std::size_t n = m.size();
    if (out.size() != n || base.size() != n || r_squared.size() != n || exponent.size() * 64 < exponent_bits) {
        throw Error("montgomery_power: operand sizes differ from the modulus or the exponent width");
    }
    const kernels::MultiplyFunction multiply = multiply_for(path);
    const Limb m_inverse = montgomery_word_inverse(m[0]);

    // Layout: table (32 entries) | one | accumulator | entry | t.
    Workspace w(table_entries * n + 3 * n + n + 2);
    Limb* const table = w.at(0);
    Limb* const one = w.at(table_entries * n);
    Limb* const acc = one + n;
    Limb* const entry = acc + n;
    Limb* const t = entry + n;
    auto mul = [&](Limb* result, const Limb* x, const Limb* y) { multiply(result, x, y, m.data(), m_inverse, n, t); };

    // table[i] = base^i * R mod m. table[0] = R mod m (= R^2 * 1 / R), table[1] = base * R.
    one[0] = 1;
    mul(table, r_squared.data(), one);
    mul(table + n, base.data(), r_squared.data());
    for (std::size_t i = 2; i < table_entries; ++i) mul(table + i * n, table + (i - 1) * n, table + n);

    const std::span<const Limb> powers(table, table_entries * n);
    // The windows from the most significant one down; the first needs no squaring.
    std::size_t k = (exponent_bits + window_bits - 1) / window_bits;
    std::uint32_t top = 0;
    if (k > 0) top = window_at(exponent, --k * window_bits, exponent_bits);
    ct::table_lookup({acc, n}, powers, top);
    while (k > 0) {
        --k;
        for (unsigned s = 0; s < window_bits; ++s) mul(acc, acc, acc);
        ct::table_lookup({entry, n}, powers, window_at(exponent, k * window_bits, exponent_bits));
        mul(acc, acc, entry);
    }
    mul(out.data(), acc, one);  // out of Montgomery form: acc * 1 / R
}

}  // namespace lucid::crypto
