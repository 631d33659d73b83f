//===- EntryPointHeader.cpp - C headers for compiled models ---------------===//
//
// The sizes a caller must put in each descriptor are the `seq.shape`
// dimension expressions ("T", "4*H"; sums and products of integers and
// names, which C reads the same way), so the header turns them into C
// expressions over the dimensions left free and lets the C compiler evaluate
// them. Static sizes are the numbers the code was compiled for.
//
//===----------------------------------------------------------------------===//

#include "EntryPointHeader.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/BuiltinTypes.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SetVector.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/raw_ostream.h"

#include <optional>

using namespace mlir;
using namespace seqc;

namespace {

llvm::Error makeError(const llvm::Twine &message) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(), message);
}

bool isCIdentifier(llvm::StringRef name) {
  return !name.empty() && !llvm::isDigit(name.front()) &&
         llvm::all_of(name,
                      [](char c) { return llvm::isAlnum(c) || c == '_'; });
}

/// Words a C or C++ compiler would not take as a parameter name.
bool isKeyword(llvm::StringRef name) {
  static const llvm::StringSet<> keywords = {
      "auto",     "bool",      "break",    "case",     "catch",    "char",
      "class",    "const",     "continue", "default",  "delete",   "do",
      "double",   "else",      "enum",     "extern",   "false",    "float",
      "for",      "goto",      "if",       "inline",   "int",      "int64_t",
      "long",     "namespace", "new",      "operator", "private",  "protected",
      "public",   "register",  "restrict", "return",   "short",    "signed",
      "sizeof",   "static",    "struct",   "switch",   "template", "this",
      "throw",    "true",      "try",      "typedef",  "typename", "union",
      "unsigned", "using",     "virtual",  "void",     "volatile", "while"};
  return keywords.contains(name);
}

/// The names one C function uses (parameters and locals), each unique.
class NameTable {
public:
  /// `base` made a C identifier, then unique: `suffix` first, then a number.
  std::string claim(llvm::StringRef base, llvm::StringRef suffix = "") {
    std::string name;
    for (char c : base)
      name += llvm::isAlnum(c) || c == '_' ? c : '_';
    if (name.empty() || llvm::isDigit(name.front()))
      name = "_" + name;
    if (isKeyword(name))
      name += "_";
    if (used.contains(name) && !suffix.empty())
      name += suffix;
    std::string unique = name;
    for (int n = 2; used.contains(unique); ++n)
      unique = name + "_" + std::to_string(n);
    used.insert(unique);
    return unique;
  }

private:
  llvm::StringSet<> used;
};

/// Rewrites dimension expression `text` as C, each name through `symbol`;
/// nullopt if `text` is not an expression of integers, names, `+ - * ( )`.
std::optional<std::string>
translateDimExpr(llvm::StringRef text,
                 llvm::function_ref<std::string(llvm::StringRef)> symbol) {
  std::string c;
  bool any = false;
  for (size_t i = 0; i < text.size();) {
    char ch = text[i];
    if (ch == ' ') {
      ++i;
    } else if (llvm::isAlpha(ch) || ch == '_') {
      size_t end = i;
      while (end < text.size() &&
             (llvm::isAlnum(text[end]) || text[end] == '_'))
        ++end;
      c += symbol(text.slice(i, end));
      i = end, any = true;
    } else if (llvm::isDigit(ch)) {
      size_t end = i;
      while (end < text.size() && llvm::isDigit(text[end]))
        ++end;
      c += text.slice(i, end);
      i = end, any = true;
    } else if (llvm::StringRef("+-*()").contains(ch)) {
      c += ch;
      ++i;
    } else {
      return std::nullopt;
    }
  }
  if (!any)
    return std::nullopt;
  return c;
}

bool isAtomic(llvm::StringRef expr) {
  return llvm::all_of(expr,
                      [](char c) { return llvm::isAlnum(c) || c == '_'; });
}

/// The product of `sizes` (C expressions) as a C expression, with the
/// constant factors folded.
std::string productOf(llvm::ArrayRef<std::string> sizes) {
  int64_t constant = 1;
  llvm::SmallVector<std::string> factors;
  for (const std::string &size : sizes) {
    int64_t value;
    if (!llvm::StringRef(size).getAsInteger(10, value))
      constant *= value;
    else
      factors.push_back(size);
  }
  if (constant != 1 || factors.empty())
    factors.push_back(std::to_string(constant));
  if (factors.size() > 1)
    for (std::string &factor : factors)
      if (!isAtomic(factor))
        factor = "(" + factor + ")";
  return llvm::join(factors, " * ");
}

/// What a buffer of `role` is, for comments.
llvm::StringRef describeRole(llvm::StringRef role) {
  if (role == "state")
    return "initial state";
  if (role == "final")
    return "final state";
  return role;
}

/// "param [16, 16]", "output 'h' [T, 2, 16]": the role, the seq name where
/// the parameter's differs, and the shape.
std::string describeBuffer(const CBuffer &buffer) {
  std::string text = describeRole(buffer.role).str();
  if (buffer.name != buffer.cName)
    text += " '" + buffer.name + "'";
  return text + " [" + llvm::join(buffer.sizes, ", ") + "]";
}

std::string descriptorType(size_t rank) {
  return "seq_memref_" + std::to_string(rank) + "d";
}

/// The runtime's functions every `Name_run` calls around its model's call.
constexpr llvm::StringLiteral kErrorsBegin = "seq_runtime_errors_begin";
constexpr llvm::StringLiteral kErrorsEnd = "seq_runtime_errors_end";

/// The struct-based entry point of `model`, as FuncToLLVM names it.
std::string cInterfaceName(llvm::StringRef model) {
  return ("_mlir_ciface_" + model).str();
}

/// An argument or result of a model function, from its `seq.*` attributes.
struct RawBuffer {
  Type type;
  std::string name, role;
  llvm::SmallVector<std::string> shape;
  bool written;
};

} // namespace

llvm::Expected<CEntryPoint> seqc::describeEntryPoint(func::FuncOp fn) {
  CEntryPoint entry;
  entry.name = fn.getSymName().str();
  if (!isCIdentifier(entry.name))
    return makeError("model function '" + entry.name +
                     "' is not a C identifier");

  llvm::SmallVector<RawBuffer> raw;
  auto read = [&](Type type, DictionaryAttr attrs, bool written, size_t index) {
    RawBuffer buffer{type, "", "", {}, written};
    auto str = [&](llvm::StringRef key) -> std::string {
      if (auto value = attrs ? attrs.getAs<StringAttr>(key) : StringAttr())
        return value.str();
      return "";
    };
    buffer.name = str("seq.name");
    if (buffer.name.empty())
      buffer.name = (written ? "result" : "arg") + std::to_string(index);
    buffer.role = str("seq.role");
    if (buffer.role.empty())
      buffer.role = written ? "output" : "input";
    if (auto shape = attrs ? attrs.getAs<ArrayAttr>("seq.shape") : ArrayAttr())
      for (Attribute dim : shape)
        if (auto text = llvm::dyn_cast<StringAttr>(dim))
          buffer.shape.push_back(text.str());
    raw.push_back(std::move(buffer));
  };
  for (unsigned i = 0; i < fn.getNumArguments(); ++i)
    read(fn.getArgumentTypes()[i], fn.getArgAttrDict(i), false, i);
  for (unsigned i = 0; i < fn.getNumResults(); ++i)
    read(fn.getResultTypes()[i], fn.getResultAttrDict(i), true, i);

  // The expression of every dynamic size, if it has one, and the free
  // dimension symbols in order of first use.
  llvm::SmallVector<std::string> symbols;
  llvm::StringSet<> seen;
  for (RawBuffer &buffer : raw) {
    auto tensor = llvm::dyn_cast<RankedTensorType>(buffer.type);
    if (!tensor)
      return makeError("'" + entry.name + "' buffer '" + buffer.name +
                       "' is not a ranked tensor");
    for (int64_t d = 0; d < tensor.getRank(); ++d) {
      if (!tensor.isDynamicDim(d) || d >= (int64_t)buffer.shape.size())
        continue;
      llvm::SmallVector<std::string> used;
      auto collect = [&](llvm::StringRef name) {
        used.push_back(name.str());
        return name.str();
      };
      if (!translateDimExpr(buffer.shape[d], collect)) {
        buffer.shape[d].clear(); // Unknown: the caller passes the size.
        continue;
      }
      for (const std::string &name : used)
        if (seen.insert(name).second)
          symbols.push_back(name);
    }
  }

  NameTable names;
  // The file-scope names the entry points use (the functions `Name_run`
  // calls, the descriptor types of their parameters): a parameter so named
  // would hide them.
  for (const std::string &reserved :
       {kErrorsBegin.str(), kErrorsEnd.str(), cInterfaceName(entry.name)})
    names.claim(reserved);
  llvm::SmallSetVector<int64_t, 4> ranks;
  for (const RawBuffer &buffer : raw)
    ranks.insert(llvm::cast<RankedTensorType>(buffer.type).getRank());
  for (int64_t rank : ranks)
    names.claim(descriptorType(rank));
  llvm::StringMap<std::string> symbolNames;
  for (const std::string &symbol : symbols) {
    symbolNames[symbol] = names.claim(symbol);
    entry.dimParams.push_back(symbolNames[symbol]);
  }
  for (const RawBuffer &buffer : raw) {
    CBuffer c;
    c.name = buffer.name;
    c.role = buffer.role;
    c.written = buffer.written;
    c.cName = names.claim(buffer.name, buffer.written ? "_out" : "");
    auto tensor = llvm::cast<RankedTensorType>(buffer.type);
    Type element = tensor.getElementType();
    bool isComplex = false;
    if (auto complex = llvm::dyn_cast<ComplexType>(element)) {
      element = complex.getElementType();
      isComplex = true;
    }
    if (element.isF32()) {
      c.elementType = "float";
      c.dtype = isComplex ? "c64" : "f32";
    } else if (element.isF64()) {
      c.elementType = "double";
      c.dtype = isComplex ? "c128" : "f64";
    } else {
      std::string type;
      llvm::raw_string_ostream(type) << tensor.getElementType();
      return makeError("'" + entry.name + "' buffer '" + buffer.name +
                       "' has element type " + type +
                       ", which the C header does not support");
    }
    for (int64_t d = 0; d < tensor.getRank(); ++d) {
      if (!tensor.isDynamicDim(d)) {
        c.sizes.push_back(std::to_string(tensor.getDimSize(d)));
        continue;
      }
      std::optional<std::string> expr;
      if (d < (int64_t)buffer.shape.size() && !buffer.shape[d].empty())
        expr = translateDimExpr(buffer.shape[d], [&](llvm::StringRef name) {
          return symbolNames.lookup(name);
        });
      if (!expr) {
        expr = names.claim(c.cName + "_size" + std::to_string(d));
        entry.dimParams.push_back(*expr);
      }
      c.sizes.push_back(*expr);
    }
    entry.buffers.push_back(std::move(c));
  }
  return entry;
}

void seqc::writeEntryPointHeader(llvm::raw_ostream &os,
                                 llvm::ArrayRef<CEntryPoint> entries,
                                 llvm::StringRef guard,
                                 llvm::StringRef origin) {
  os << "/* C entry points of the seq models compiled from " << origin
     << ".\n"
        " * Generated by `seqc compile`; do not edit.\n"
        " *\n"
        " * Every buffer is dense and row-major, owned by the caller, and "
        "overlaps\n"
        " * no other; complex elements (c64, c128) are interleaved (re, im) "
        "pairs.\n"
        " * Params, inputs and initial states are read; outputs and final "
        "states\n"
        " * are written. The code keeps no state, so calls may run "
        "concurrently.\n"
        " * Link the object with seq's runtime library (libSeqRuntimeCore.a) "
        "and libm.\n"
        " */\n\n";
  os << "#ifndef " << guard << "\n#define " << guard << "\n\n";
  os << "#include <stdint.h>\n\n";
  os << "#ifdef __cplusplus\nextern \"C\" {\n#endif\n\n";

  // One descriptor type per rank in use, shared with other such headers.
  llvm::SmallVector<size_t> ranks;
  for (const CEntryPoint &entry : entries)
    for (const CBuffer &buffer : entry.buffers)
      if (!llvm::is_contained(ranks, buffer.sizes.size()))
        ranks.push_back(buffer.sizes.size());
  llvm::sort(ranks);
  os << "/* MLIR's descriptor of a rank-N memref (the _mlir_ciface_ "
        "convention): the\n"
        " * data pointer twice, the offset, then the sizes and strides, in "
        "elements. */\n";
  for (size_t rank : ranks) {
    std::string type = descriptorType(rank);
    std::string macro = llvm::StringRef(type).upper() + "_DEFINED";
    os << "#ifndef " << macro << "\n#define " << macro << "\n";
    os << "typedef struct " << type << " {\n"
       << "  void *allocated;\n  void *aligned;\n  int64_t offset;\n";
    if (rank)
      os << "  int64_t sizes[" << rank << "];\n  int64_t strides[" << rank
         << "];\n";
    os << "} " << type << ";\n#endif\n\n";
  }

  os << "/* seq's runtime (RuntimeError.h): each NAME_run below returns 0, "
        "or 1 when\n"
        " * compiled code found sizes that do not fit at run time (an "
        "attention's\n"
        " * heads, say; it then skipped the work), and seq_runtime_last_error()"
        "\n"
        " * returns the message. A call of _mlir_ciface_NAME alone aborts "
        "there. */\n"
        "void "
     << kErrorsBegin << "(void);\n"
     << "int " << kErrorsEnd << "(void);\n"
     << "const char *seq_runtime_last_error(void);\n\n";

  for (const CEntryPoint &entry : entries) {
    const auto &buffers = entry.buffers;
    os << "/* " << entry.name
       << ": both entry points take one buffer per parameter, in this "
          "order:\n";
    for (const CBuffer &buffer : buffers)
      os << " *   " << buffer.cName << ": " << describeBuffer(buffer) << " "
         << buffer.dtype << "\n";
    if (!entry.dimParams.empty())
      os << " * where " << llvm::join(entry.dimParams, ", ")
         << (entry.dimParams.size() == 1 ? " is" : " are")
         << " chosen by the caller;\n * the other sizes are compiled in.\n";
    os << " */\n";

    // The struct-based entry point, as FuncToLLVM generates it.
    os << "void " << cInterfaceName(entry.name) << "(";
    for (auto [i, buffer] : llvm::enumerate(buffers))
      os << (i ? ",\n    " : "\n    ") << descriptorType(buffer.sizes.size())
         << " *" << buffer.cName;
    os << ");\n\n";

    // The convenience function over plain pointers.
    NameTable locals;
    for (const std::string &dim : entry.dimParams)
      locals.claim(dim);
    for (const CBuffer &buffer : buffers)
      locals.claim(buffer.cName);
    os << "static inline int " << entry.name << "_run(";
    llvm::SmallVector<std::string> params;
    for (const std::string &dim : entry.dimParams)
      params.push_back("int64_t " + dim);
    size_t numDims = params.size();
    for (const CBuffer &buffer : buffers)
      params.push_back(std::string(buffer.written ? "" : "const ") +
                       buffer.elementType + " *" + buffer.cName);
    for (auto [i, param] : llvm::enumerate(params)) {
      os << "\n    " << param << (i + 1 < params.size() ? "," : ")");
      if (i >= numDims) {
        const CBuffer &buffer = buffers[i - numDims];
        os << " /* " << describeBuffer(buffer);
        if (buffer.dtype == "c64" || buffer.dtype == "c128")
          os << " " << buffer.dtype << ": (re, im) pairs";
        os << " */";
      }
    }
    if (params.empty())
      os << "void)";
    os << " {\n";
    llvm::SmallVector<std::string> descriptors;
    for (const CBuffer &buffer : buffers) {
      std::string name = locals.claim(buffer.cName + "_desc");
      descriptors.push_back("&" + name);
      size_t rank = buffer.sizes.size();
      os << "  " << descriptorType(rank) << " " << name << " = {(void *)"
         << buffer.cName << ", (void *)" << buffer.cName << ", 0";
      if (rank) {
        llvm::SmallVector<std::string> strides;
        for (size_t d = 0; d < rank; ++d)
          strides.push_back(
              productOf(llvm::ArrayRef(buffer.sizes).drop_front(d + 1)));
        os << ", {" << llvm::join(buffer.sizes, ", ") << "}, {"
           << llvm::join(strides, ", ") << "}";
      }
      os << "};\n";
    }
    os << "  " << kErrorsBegin << "();\n";
    os << "  " << cInterfaceName(entry.name) << "("
       << llvm::join(descriptors, ",\n      ") << ");\n";
    os << "  return " << kErrorsEnd << "();\n}\n\n";
  }
  os << "#ifdef __cplusplus\n} /* extern \"C\" */\n#endif\n\n#endif /* "
     << guard << " */\n";
}
