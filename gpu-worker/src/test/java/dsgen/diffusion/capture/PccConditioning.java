package dsgen.diffusion.capture;

import java.util.List;

/**
 * First-order perturbation bound for {@code pcc_features}, computed from the actual head outputs of
 * a generation (test helper).
 *
 * <p>For one head, X [n, d] is its output softmax(QKᵀ)V, X_c the centred X, λ_1 ≥ … ≥ λ_d the
 * eigenvalues of G = X_cᵀX_c with unit eigenvectors v_k, σ_k = √λ_k and scores z_k = X_c v_k. If
 * every element of X moves by at most η, every element of X_c moves by at most 2η, so ‖δX_c‖₂ ≤
 * ‖δX_c‖_F ≤ 2η√(nd). To first order (Rayleigh–Schrödinger for a symmetric matrix)
 *
 * <pre>
 *   δz_j = δX_c v_j + Σ_{k≠j} z_k · v_kᵀ δG v_j / (λ_j − λ_k),
 *   |v_kᵀ δG v_j| = |z_kᵀ δX_c v_j + z_jᵀ δX_c v_k| ≤ ‖δX_c‖₂ (σ_j + σ_k),
 * </pre>
 *
 * so every element of z_j moves by at most
 *
 * <pre>
 *   2η‖v_j‖₁ + Σ_{k≠j} max|z_k| · ‖δX_c‖₂ (σ_j + σ_k) / |λ_j − λ_k|     (‖v_j‖₁ ≤ √d).
 * </pre>
 *
 * The gap terms are the condition of the eigenproblem: a component whose eigenvalue nearly
 * coincides with another one (the 3rd with the 4th is the usual case) is determined only up to a
 * rotation, and its bound grows accordingly; well separated components keep a bound of a few η.
 * Nearest resizing copies elements, so the per-element bound carries over unchanged.
 */
public final class PccConditioning {
  private PccConditioning() {}

  /**
   * Per-column bounds [blocks × 3] for the heads' outputs in {@code PccRecorder}'s order, each X
   * row-major [n, d], for element perturbations of at most {@code eta}.
   */
  public static double[] bounds(List<double[]> heads, int d, double eta) {
    int k = PccRecorder.COMPONENTS;
    double[] out = new double[heads.size() * k];
    for (int h = 0; h < heads.size(); h++) {
      double[] x = heads.get(h);
      int n = x.length / d;
      double[] xc = centred(x, n, d);
      SymmetricEigen eig = SymmetricEigen.of(gram(xc, n, d), d);
      double[] maxZ = new double[d];
      for (int c = 0; c < d; c++) {
        for (int i = 0; i < n; i++) {
          double s = 0;
          for (int e = 0; e < d; e++) {
            s += xc[i * d + e] * eig.vectors[e * d + c];
          }
          maxZ[c] = Math.max(maxZ[c], Math.abs(s));
        }
      }
      double spectral = 2 * eta * Math.sqrt((double) n * d);
      for (int j = 0; j < k; j++) {
        double l1 = 0;
        for (int e = 0; e < d; e++) {
          l1 += Math.abs(eig.vectors[e * d + j]);
        }
        double bound = 2 * eta * l1;
        double sj = Math.sqrt(Math.max(eig.values[j], 0));
        for (int c = 0; c < d; c++) {
          if (c == j) {
            continue;
          }
          double sc = Math.sqrt(Math.max(eig.values[c], 0));
          double gap = Math.abs(eig.values[j] - eig.values[c]);
          bound += gap == 0 ? Double.POSITIVE_INFINITY : maxZ[c] * spectral * (sj + sc) / gap;
        }
        out[h * k + j] = bound;
      }
    }
    return out;
  }

  /** The scores {@code PccRecorder} computes for these heads, [blocks][n × 3] (unresized). */
  public static double[] scores(double[] x, int d) {
    int n = x.length / d;
    double[] xc = centred(x, n, d);
    return PrincipalComponents.scores(xc, 0, n, d, gram(xc, n, d), PccRecorder.COMPONENTS);
  }

  /** Source pixel of output pixel {@code p} on the {@code top}² grid for an r×r map. */
  public static int sourcePixel(int p, int r, int top) {
    return Resize.nearest(p / top, r, top) * r + Resize.nearest(p % top, r, top);
  }

  private static double[] centred(double[] x, int n, int d) {
    double[] out = x.clone();
    for (int e = 0; e < d; e++) {
      double mean = 0;
      for (int i = 0; i < n; i++) {
        mean += x[i * d + e];
      }
      mean /= n;
      for (int i = 0; i < n; i++) {
        out[i * d + e] -= mean;
      }
    }
    return out;
  }

  private static double[] gram(double[] xc, int n, int d) {
    double[] g = new double[d * d];
    for (int a = 0; a < d; a++) {
      for (int b = 0; b < d; b++) {
        double s = 0;
        for (int i = 0; i < n; i++) {
          s += xc[i * d + a] * xc[i * d + b];
        }
        g[a * d + b] = s;
      }
    }
    return g;
  }
}
