//===- seq-opt.cpp - mlir-opt for the seq dialect -------------------------===//
//
// Parses seq IR, runs passes and prints the result; the driver of the lit
// tests and of pass development (`--mlir-print-ir-after-all` included).
//
//===----------------------------------------------------------------------===//

#include "mlir/IR/DialectRegistry.h"
#include "mlir/Tools/mlir-opt/MlirOptMain.h"

#include "seq/InitAll.h"

int main(int argc, char **argv) {
  mlir::DialectRegistry registry;
  mlir::seq::registerAllSeqDialects(registry);
  mlir::seq::registerAllSeqPasses();
  return mlir::asMainReturnCode(
      mlir::MlirOptMain(argc, argv, "seq optimizer driver\n", registry));
}
