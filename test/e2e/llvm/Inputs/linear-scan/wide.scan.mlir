// h[t] = a[t] * h[t-1] + b[t] with complex a and b computed elementwise from
// the inputs and scalar constants, as a seq.linear_scan (complex<f32>);
// wide.recur.mlir is the same model as a seq.recur. D = 1600, wide enough
// for the split over channels on 2 and 3 threads (tiles of 800 and 534,
// 533 channels: at least 4 KiB of complex<f32> each).
func.func @Wide(
    %z: tensor<?x?x1600xf32> {seq.role = "input", seq.name = "z", seq.shape = ["T", "B", "1600"]},
    %x: tensor<?x?x1600xf32> {seq.role = "input", seq.name = "x", seq.shape = ["T", "B", "1600"]},
    %h0: tensor<?x1600xcomplex<f32>> {seq.role = "state", seq.name = "h", seq.init = 5.000000e-01 : f64, seq.shape = ["B", "1600"]})
    -> (tensor<?x?x1600xcomplex<f32>> {seq.role = "output", seq.name = "h", seq.shape = ["T", "B", "1600"]},
        tensor<?x1600xcomplex<f32>> {seq.role = "final", seq.name = "h.final", seq.shape = ["B", "1600"]})
    attributes {seq.model = "Wide"} {
  %half = arith.constant dense<5.000000e-01> : tensor<f32>
  %hT, %hs = seq.linear_scan (%z_t = %z : tensor<?x?x1600xf32>, %x_t = %x : tensor<?x?x1600xf32>)
      init %h0 : tensor<?x1600xcomplex<f32>> -> (tensor<?x1600xcomplex<f32>>, tensor<?x?x1600xcomplex<f32>>) {
    %c = arith.constant dense<6.000000e-01> : tensor<f32>
    %s = seq.sigmoid %z_t : tensor<?x1600xf32>
    %re = seq.mul %s, %c : (tensor<?x1600xf32>, tensor<f32>) -> tensor<?x1600xf32>
    %im = seq.mul %re, %half : (tensor<?x1600xf32>, tensor<f32>) -> tensor<?x1600xf32>
    %a = seq.complex %re, %im : (tensor<?x1600xf32>, tensor<?x1600xf32>) -> tensor<?x1600xcomplex<f32>>
    %xim = seq.mul %x_t, %half : (tensor<?x1600xf32>, tensor<f32>) -> tensor<?x1600xf32>
    %b = seq.complex %x_t, %xim : (tensor<?x1600xf32>, tensor<?x1600xf32>) -> tensor<?x1600xcomplex<f32>>
    seq.yield %a, %b : tensor<?x1600xcomplex<f32>>, tensor<?x1600xcomplex<f32>>
  }
  return %hs, %hT : tensor<?x?x1600xcomplex<f32>>, tensor<?x1600xcomplex<f32>>
}
