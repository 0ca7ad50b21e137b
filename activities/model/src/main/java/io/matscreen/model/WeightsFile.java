package io.matscreen.model;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The weights of one network as named float32 arrays in a small backend-independent binary format
 * (magic "MSW1", count, then name, shape and big-endian floats of each array), so a bundle loads on
 * nd4j-native and nd4j-cuda alike.
 */
public final class WeightsFile {
  private static final int MAGIC = 0x4d535731; // "MSW1"

  private WeightsFile() {}

  /** Writes the arrays to the file, replacing it atomically; returns the file's sha256 (hex). */
  public static String write(Path file, Map<String, INDArray> weights) throws IOException {
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    try (OutputStream raw = Files.newOutputStream(tmp);
        DataOutputStream out = new DataOutputStream(new BufferedOutputStream(raw))) {
      out.writeInt(MAGIC);
      out.writeInt(weights.size());
      for (Map.Entry<String, INDArray> e : weights.entrySet()) {
        INDArray a = e.getValue();
        out.writeUTF(e.getKey());
        long[] shape = a.shape();
        out.writeInt(shape.length);
        for (long d : shape) {
          out.writeLong(d);
        }
        float[] data = a.castTo(DataType.FLOAT).dup('c').data().asFloat();
        for (float f : data) {
          out.writeFloat(f);
        }
      }
    }
    Files.move(
        tmp,
        file,
        java.nio.file.StandardCopyOption.REPLACE_EXISTING,
        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    return sha256(Files.readAllBytes(file));
  }

  /** Reads arrays from bytes; {@code source} names them in error messages. */
  public static Map<String, INDArray> read(byte[] bytes, String source) {
    try (DataInputStream in =
        new DataInputStream(new BufferedInputStream(new ByteArrayInputStream(bytes)))) {
      return read(in, source);
    } catch (IOException e) {
      throw new BundleException("weights file " + source + " is truncated or unreadable", e);
    }
  }

  private static Map<String, INDArray> read(DataInputStream in, String source) throws IOException {
    if (in.readInt() != MAGIC) {
      throw new BundleException("weights file " + source + " is not a matscreen weights file");
    }
    int count = in.readInt();
    Map<String, INDArray> weights = new LinkedHashMap<>();
    for (int i = 0; i < count; i++) {
      String name = in.readUTF();
      int rank = in.readInt();
      if (rank < 0 || rank > 8) {
        throw new BundleException(
            "weights file " + source + ": array " + name + " has rank " + rank);
      }
      long[] shape = new long[rank];
      long length = 1;
      for (int r = 0; r < rank; r++) {
        shape[r] = in.readLong();
        length *= shape[r];
      }
      if (length < 0 || length > Integer.MAX_VALUE) {
        throw new BundleException(
            "weights file " + source + ": array " + name + " has a bad length " + length);
      }
      float[] data = new float[(int) length];
      for (int k = 0; k < data.length; k++) {
        data[k] = in.readFloat();
      }
      weights.put(name, Nd4j.create(data, shape, 'c'));
    }
    return weights;
  }

  /** Reads a stream fully. */
  static byte[] readAll(InputStream in) throws IOException {
    return in.readAllBytes();
  }

  /** Hex sha256 of bytes. */
  public static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java platform", e);
    }
  }

  /** Hex sha256 of a file, streamed. */
  public static String sha256(Path file) throws IOException {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
        byte[] buf = new byte[1 << 16];
        int r;
        while ((r = in.read(buf)) > 0) {
          md.update(buf, 0, r);
        }
      }
      return HexFormat.of().formatHex(md.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java platform", e);
    }
  }
}
