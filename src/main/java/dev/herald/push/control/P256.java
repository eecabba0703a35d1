package dev.herald.push.control;

import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECFieldFp;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPrivateKeySpec;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.EllipticCurve;
import java.util.Arrays;
import java.util.Base64;

/**
 * NIST P-256 keys in the raw forms Web Push uses (65-byte uncompressed points, 32-byte private scalars, base64url),
 * converted to and from JDK keys. Checks points itself, because the JDK's key factory does not.
 */
final class P256 {
    static final int POINT_LENGTH = 65;
    static final int SCALAR_LENGTH = 32;
    static final ECParameterSpec PARAMETERS = parameters();

    private static final int COORDINATE_LENGTH = 32;
    private static final byte UNCOMPRESSED = 0x04;

    private P256() {}

    static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK cannot generate P-256 keys", e);
        }
    }

    /** The public key of an uncompressed point; {@code what} names it in the message if it is not a P-256 point. */
    static ECPublicKey publicKey(byte[] point, String what) {
        if (point.length != POINT_LENGTH) {
            throw new IllegalArgumentException(
                    what + " must be a 65-byte uncompressed P-256 point, got " + point.length + " bytes");
        }
        if (point[0] != UNCOMPRESSED) {
            throw new IllegalArgumentException(
                    what + " must be a 65-byte uncompressed P-256 point, but does not start with 0x04");
        }
        BigInteger x = new BigInteger(1, Arrays.copyOfRange(point, 1, 1 + COORDINATE_LENGTH));
        BigInteger y = new BigInteger(1, Arrays.copyOfRange(point, 1 + COORDINATE_LENGTH, POINT_LENGTH));
        if (!onCurve(x, y)) {
            throw new IllegalArgumentException(what + " is not a point on the P-256 curve");
        }
        try {
            return (ECPublicKey)
                    KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(new ECPoint(x, y), PARAMETERS));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException(what + " is not a usable P-256 public key", e);
        }
    }

    /** The private key of a 32-byte scalar; {@code what} names it in the message if it is out of range. */
    static ECPrivateKey privateKey(byte[] scalar, String what) {
        if (scalar.length != SCALAR_LENGTH) {
            throw new IllegalArgumentException(
                    what + " must be a 32-byte P-256 private scalar, got " + scalar.length + " bytes");
        }
        BigInteger d = new BigInteger(1, scalar);
        if (d.signum() == 0 || d.compareTo(PARAMETERS.getOrder()) >= 0) {
            throw new IllegalArgumentException(
                    what + " must be a 32-byte P-256 private scalar, but is zero or not below the curve order");
        }
        try {
            return (ECPrivateKey) KeyFactory.getInstance("EC").generatePrivate(new ECPrivateKeySpec(d, PARAMETERS));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException(what + " is not a usable P-256 private key", e);
        }
    }

    static byte[] point(ECPublicKey key) {
        byte[] point = new byte[POINT_LENGTH];
        point[0] = UNCOMPRESSED;
        unsigned(key.getW().getAffineX(), point, 1);
        unsigned(key.getW().getAffineY(), point, 1 + COORDINATE_LENGTH);
        return point;
    }

    static byte[] scalar(ECPrivateKey key) {
        byte[] scalar = new byte[SCALAR_LENGTH];
        unsigned(key.getS(), scalar, 0);
        return scalar;
    }

    /** Decodes base64url with or without padding; {@code what} names the value in the message if it is not. */
    static byte[] decode(String value, String what) {
        if (value == null) {
            throw new IllegalArgumentException(what + " is missing");
        }
        try {
            return Base64.getUrlDecoder().decode(value.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(what + " is not base64url", e);
        }
    }

    static String encode(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static boolean onCurve(BigInteger x, BigInteger y) {
        EllipticCurve curve = PARAMETERS.getCurve();
        BigInteger p = ((ECFieldFp) curve.getField()).getP();
        if (x.compareTo(p) >= 0 || y.compareTo(p) >= 0) {
            return false;
        }
        BigInteger right =
                x.pow(3).add(curve.getA().multiply(x)).add(curve.getB()).mod(p);
        return y.pow(2).mod(p).equals(right);
    }

    /** Writes {@code value} as a 32-byte big-endian unsigned number (BigInteger adds a sign byte or drops zeros). */
    private static void unsigned(BigInteger value, byte[] target, int offset) {
        if (value.signum() < 0 || value.bitLength() > 8 * COORDINATE_LENGTH) {
            throw new IllegalArgumentException("not a P-256 coordinate or scalar");
        }
        byte[] bytes = value.toByteArray();
        int length = Math.min(bytes.length, COORDINATE_LENGTH);
        System.arraycopy(bytes, bytes.length - length, target, offset + COORDINATE_LENGTH - length, length);
    }

    private static ECParameterSpec parameters() {
        try {
            AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
            parameters.init(new ECGenParameterSpec("secp256r1"));
            return parameters.getParameterSpec(ECParameterSpec.class);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK does not know the P-256 curve", e);
        }
    }
}
