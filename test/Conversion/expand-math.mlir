// RUN: seq-opt --seq-expand-math %s | FileCheck %s
// RUN: seq-opt --seq-expand-math %s | FileCheck %s --check-prefix=GONE

// Transcendental math ops on f32 become polynomial approximations (plain
// arithmetic, math.fma, math.absf/floor) that LLVM vectorizes; math.powf has
// none and stays for libm. Only f32 is approximated: f64 ops stay too.

// No f32 transcendental is left anywhere in the output.
// GONE-NOT: {{math\.(tanh|exp|log|log1p|erf) .*: (f32|vector<8xf32>)$}}

// tanh: a rational approximation p(x) / q(x) on the clamped input. q has
// positive coefficients in x^2, so its division may use a reciprocal
// estimate (arcp, ninf); a division of the input's own keeps its IEEE
// semantics (x / 0 is an infinity).
// CHECK-LABEL: func.func @tanh
// CHECK-NOT: math.tanh
// CHECK: math.fma
// CHECK: arith.divf %{{.*}}, %{{.*}} fastmath<ninf,arcp> : f32
// CHECK-NOT: math.tanh
// CHECK: arith.divf %arg0, %arg1 : f32
// CHECK: return
func.func @tanh(%x: f32, %y: f32) -> (f32, f32) {
  %0 = math.tanh %x : f32
  %1 = arith.divf %x, %y : f32
  return %0, %1 : f32, f32
}

// exp: x = k ln 2 + r with k = floor(x / ln 2 + 1/2), a polynomial in r, and
// 2^k built from its exponent bits (shift, bitcast).
// CHECK-LABEL: func.func @exp
// CHECK-NOT: math.exp
// CHECK: math.floor
// CHECK: math.fma
// CHECK: arith.shli
// CHECK: arith.bitcast
// CHECK-NOT: math.exp
// CHECK: return
func.func @exp(%x: f32) -> f32 {
  %0 = math.exp %x : f32
  return %0 : f32
}

// log1p goes through the log approximation, which splits the float into
// mantissa and exponent bits: neither math.log1p nor math.log is left.
// CHECK-LABEL: func.func @log1p
// CHECK-NOT: math.log
// CHECK: arith.bitcast
// CHECK: math.fma
// CHECK-NOT: math.log
// CHECK: return
func.func @log1p(%x: f32) -> f32 {
  %0 = math.log1p %x : f32
  return %0 : f32
}

// erf: rational approximations selected by the range of |x|.
// CHECK-LABEL: func.func @erf
// CHECK-NOT: math.erf
// CHECK: math.fma
// CHECK: arith.divf
// CHECK: arith.select
// CHECK-NOT: math.erf
// CHECK: return
func.func @erf(%x: f32) -> f32 {
  %0 = math.erf %x : f32
  return %0 : f32
}

// The approximations apply elementwise to vectors of f32 as well.
// CHECK-LABEL: func.func @tanh_vector
// CHECK-NOT: math.tanh
// CHECK: math.fma {{.*}} : vector<8xf32>
// CHECK-NOT: math.tanh
// CHECK: return
func.func @tanh_vector(%x: vector<8xf32>) -> vector<8xf32> {
  %0 = math.tanh %x : vector<8xf32>
  return %0 : vector<8xf32>
}

// powf has no approximation: it is left as is.
// CHECK-LABEL: func.func @powf
// CHECK-SAME: (%[[X:.*]]: f32, %[[Y:.*]]: f32)
// CHECK-NEXT: %[[P:.*]] = math.powf %[[X]], %[[Y]] : f32
// CHECK-NEXT: return %[[P]]
func.func @powf(%x: f32, %y: f32) -> f32 {
  %0 = math.powf %x, %y : f32
  return %0 : f32
}

// f64 is not approximated (the polynomials are f32's).
// CHECK-LABEL: func.func @f64_untouched
// CHECK-SAME: (%[[X:.*]]: f64)
// CHECK-NEXT: %[[T:.*]] = math.tanh %[[X]] : f64
// CHECK-NEXT: %[[E:.*]] = math.exp %[[X]] : f64
// CHECK-NEXT: return %[[T]], %[[E]]
func.func @f64_untouched(%x: f64) -> (f64, f64) {
  %0 = math.tanh %x : f64
  %1 = math.exp %x : f64
  return %0, %1 : f64, f64
}
