"""Tensor file I/O for seq's tests, in pure Python (json + struct + numpy).

Tests use this with /usr/bin/python3 to exchange tensors between PyTorch and
the seq runtime (runtime/include/seq/Runtime/{SafeTensors,Npy,Tensor}.h):

    save(path, {"W": np.ones((2, 3), np.float32)}, metadata={"k": "v"})
    tensors = load(path)                 # dict name -> numpy array
    tensors, meta = load(path, with_metadata=True)
    save_npy(path, array); load_npy(path)
    seeded_uniform((3, 4), seed=7, lo=-1.0, hi=1.0)   # float64, as C++

`save` writes the same bytes as the C++ writer for the same tensors: tensors
ordered by decreasing element size then name, compact JSON with
"__metadata__" first, header padded with spaces to a multiple of 8.
BF16 tensors load as float32 (exact); numpy cannot hold bfloat16.
"""

import json
import struct

import numpy as np

_DTYPES = {
    "F64": np.dtype("<f8"),
    "F32": np.dtype("<f4"),
    "F16": np.dtype("<f2"),
    "I64": np.dtype("<i8"),
    "I32": np.dtype("<i4"),
    "I16": np.dtype("<i2"),
    "I8": np.dtype("i1"),
    "U8": np.dtype("u1"),
    "BOOL": np.dtype("?"),
}
_NAMES = {dt: name for name, dt in _DTYPES.items()}
_METADATA = "__metadata__"


def _dtype_name(array):
    dt = array.dtype.newbyteorder("<") if array.dtype.itemsize > 1 else array.dtype
    if dt not in _NAMES:
        raise ValueError(f"unsupported dtype {array.dtype}")
    return _NAMES[dt]


def serialize(tensors, metadata=None):
    """The safetensors image of `tensors` (name -> array) as bytes."""
    arrays = {}
    for name, value in tensors.items():
        if name == _METADATA:
            raise ValueError("tensor name '__metadata__' is reserved")
        arrays[name] = np.asarray(value, order="C")
    order = sorted(arrays, key=lambda n: (-arrays[n].dtype.itemsize, n))
    header = {}
    if metadata:
        header[_METADATA] = {str(k): str(metadata[k]) for k in sorted(metadata)}
    offset = 0
    chunks = []
    for name in order:
        array = arrays[name]
        dname = _dtype_name(array)
        data = array.astype(_DTYPES[dname], copy=False).tobytes(order="C")
        header[name] = {
            "dtype": dname,
            "shape": [int(d) for d in array.shape],
            "data_offsets": [offset, offset + len(data)],
        }
        offset += len(data)
        chunks.append(data)
    text = json.dumps(header, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
    text += b" " * ((8 - len(text) % 8) % 8)
    return struct.pack("<Q", len(text)) + text + b"".join(chunks)


def save(path, tensors, metadata=None):
    """Writes `tensors` (name -> numpy array) to a safetensors file."""
    with open(path, "wb") as f:
        f.write(serialize(tensors, metadata))


def deserialize(blob, name="<buffer>", with_metadata=False):
    """Parses a safetensors image; see `load`."""
    if len(blob) < 8:
        raise ValueError(f"{name}: file is {len(blob)} bytes, too short")
    (n,) = struct.unpack("<Q", blob[:8])
    if n > len(blob) - 8:
        raise ValueError(f"{name}: header length {n} is larger than the file")
    header = json.loads(blob[8 : 8 + n].decode("utf-8"))
    data = memoryview(blob)[8 + n :]
    metadata = header.pop(_METADATA, {})
    tensors = {}
    for tname, entry in header.items():
        begin, end = entry["data_offsets"]
        shape = tuple(entry["shape"])
        if not 0 <= begin <= end <= len(data):
            raise ValueError(f"{name}: tensor '{tname}': data_offsets out of range")
        raw = bytes(data[begin:end])
        if entry["dtype"] == "BF16":
            bits = np.frombuffer(raw, dtype="<u2").astype(np.uint32) << 16
            tensors[tname] = bits.view(np.float32).reshape(shape)
            continue
        dt = _DTYPES[entry["dtype"]]
        if len(raw) != int(np.prod(shape, dtype=np.int64)) * dt.itemsize:
            raise ValueError(f"{name}: tensor '{tname}': byte length mismatch")
        tensors[tname] = np.frombuffer(raw, dtype=dt).reshape(shape).copy()
    return (tensors, metadata) if with_metadata else tensors


def load(path, with_metadata=False):
    """Reads a safetensors file: name -> numpy array (plus the metadata dict
    when `with_metadata`)."""
    with open(path, "rb") as f:
        return deserialize(f.read(), str(path), with_metadata)


def save_npy(path, array):
    """Writes one array as .npy (C order)."""
    np.save(path, np.asarray(array, order="C"), allow_pickle=False)


def load_npy(path):
    """Reads one .npy array."""
    return np.load(path, allow_pickle=False)


_GAMMA = np.uint64(0x9E3779B97F4A7C15)
_MIX1 = np.uint64(0xBF58476D1CE4E5B9)
_MIX2 = np.uint64(0x94D049BB133111EB)


def splitmix64(seed, count):
    """The first `count` outputs of SplitMix64 from state `seed` (uint64)."""
    with np.errstate(over="ignore"):
        i = np.arange(1, count + 1, dtype=np.uint64)
        z = np.uint64(seed % (1 << 64)) + i * _GAMMA
        z = (z ^ (z >> np.uint64(30))) * _MIX1
        z = (z ^ (z >> np.uint64(27))) * _MIX2
        return z ^ (z >> np.uint64(31))


def seeded_uniform(shape, seed, lo=0.0, hi=1.0):
    """Float64 array of `shape` equal, bit for bit, to the values the C++
    `seq::runtime::randomUniform` draws before converting to its dtype:
    element i (row-major) is lo + (hi - lo) * ((splitmix64_i >> 11) * 2**-53)."""
    shape = (int(shape),) if np.isscalar(shape) else tuple(int(d) for d in shape)
    count = int(np.prod(shape, dtype=np.int64))
    u = (splitmix64(seed, count) >> np.uint64(11)).astype(np.float64) * 2.0**-53
    return (lo + (hi - lo) * u).reshape(shape)
