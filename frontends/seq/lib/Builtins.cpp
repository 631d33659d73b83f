//===- Builtins.cpp - The table of built-in functions ---------------------===//
//
// Spellings of the builtins of docs/language.md ("Built-in functions").
// Their argument and shape rules live in Sema.cpp.
//
//===----------------------------------------------------------------------===//

#include "seq/Frontend/AST.h"
#include "seq/Frontend/Sema.h"

namespace seq::frontend {

namespace {
struct BuiltinEntry {
  const char *name;
  Builtin builtin;
};
} // namespace

/// Lookup order matters only for `max`/`min`: the reduction is listed, the
/// elementwise form is chosen by sema from the arguments.
static const BuiltinEntry kBuiltins[] = {
    {"sigmoid", Builtin::Sigmoid}, {"tanh", Builtin::Tanh},
    {"exp", Builtin::Exp},         {"log", Builtin::Log},
    {"sqrt", Builtin::Sqrt},       {"rsqrt", Builtin::Rsqrt},
    {"relu", Builtin::Relu},       {"silu", Builtin::Silu},
    {"gelu", Builtin::Gelu},       {"softplus", Builtin::Softplus},
    {"elu", Builtin::Elu},         {"abs", Builtin::Abs},
    {"sin", Builtin::Sin},         {"cos", Builtin::Cos},
    {"real", Builtin::Real},       {"imag", Builtin::Imag},
    {"conj", Builtin::Conj},       {"complex", Builtin::Complex},
    {"sum", Builtin::Sum},         {"mean", Builtin::Mean},
    {"max", Builtin::ReduceMax},   {"min", Builtin::ReduceMin},
    {"softmax", Builtin::Softmax}, {"linear", Builtin::Linear},
    {"outer", Builtin::Outer},     {"einsum", Builtin::Einsum},
    {"rmsnorm", Builtin::RMSNorm}, {"layernorm", Builtin::LayerNorm},
    {"split", Builtin::Split},     {"concat", Builtin::Concat},
    {"reshape", Builtin::Reshape}, {"permute", Builtin::Permute},
    {"conv1d", Builtin::Conv1D},   {"attention", Builtin::Attention},
};

std::optional<Builtin> lookupBuiltin(const std::string &name) {
  for (const BuiltinEntry &entry : kBuiltins)
    if (name == entry.name)
      return entry.builtin;
  return std::nullopt;
}

const char *builtinName(Builtin builtin) {
  switch (builtin) {
  case Builtin::None:
    return "<none>";
  case Builtin::Maximum:
    return "max";
  case Builtin::Minimum:
    return "min";
  default:
    break;
  }
  for (const BuiltinEntry &entry : kBuiltins)
    if (entry.builtin == builtin)
      return entry.name;
  return "<builtin>";
}

} // namespace seq::frontend
