#===- SeqHelpers.cmake - helpers shared by seq's targets -------------------===#

# A library that uses MLIR/LLVM headers: RTTI and exceptions off like Debian's
# LLVM, linked against the shared MLIR and LLVM libraries only.
function(seq_mlir_library name)
  cmake_parse_arguments(ARG "" "" "SOURCES;DEPENDS;LINK" ${ARGN})
  add_library(${name} STATIC ${ARG_SOURCES})
  target_include_directories(${name} SYSTEM PUBLIC
    ${SEQ_LLVM_INCLUDE_DIRS} ${SEQ_MLIR_INCLUDE_DIRS})
  target_compile_options(${name} PRIVATE -fno-rtti -fno-exceptions)
  set_target_properties(${name} PROPERTIES POSITION_INDEPENDENT_CODE ON)
  if(ARG_DEPENDS)
    add_dependencies(${name} ${ARG_DEPENDS})
  endif()
  target_link_libraries(${name} PUBLIC ${ARG_LINK} MLIR LLVM)
endfunction()

# A tool linked against the shared MLIR and LLVM libraries.
function(seq_mlir_tool name)
  cmake_parse_arguments(ARG "" "" "SOURCES;LINK" ${ARGN})
  add_executable(${name} ${ARG_SOURCES})
  target_include_directories(${name} SYSTEM PRIVATE
    ${SEQ_LLVM_INCLUDE_DIRS} ${SEQ_MLIR_INCLUDE_DIRS})
  target_compile_options(${name} PRIVATE -fno-rtti -fno-exceptions)
  target_link_libraries(${name} PRIVATE ${ARG_LINK} MLIR LLVM)
endfunction()
