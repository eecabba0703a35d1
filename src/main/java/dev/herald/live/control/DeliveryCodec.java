package dev.herald.live.control;

import dev.herald.live.entity.Frame;
import dev.herald.live.entity.UserFrames;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * The records of {@code herald.deliveries}: either the inbox changes of one transaction, all users together, with
 * each frame's text as it goes to the browser; or a liveness probe. Binary and length-prefixed, so an instance reads a
 * record without parsing any JSON and sends the frame text it finds. Pure.
 */
public final class DeliveryCodec {
    private static final int MAGIC = 0x48524c44; // "HRLD"
    private static final byte CHANGES = 1;
    private static final byte PROBE = 2;

    private DeliveryCodec() {}

    /** A decoded record: a probe from {@code probe}'s instance, or {@code changes}. */
    public record Delivery(String probe, List<UserFrames> changes) {}

    /**
     * The records for one transaction's changes: as few as fit in {@code maxBytes} each (a single change larger than
     * that travels alone).
     */
    public static List<byte[]> encode(List<UserFrames> changes, int maxBytes) {
        List<byte[]> records = new ArrayList<>();
        List<byte[]> bodies = new ArrayList<>();
        int size = 0;
        for (UserFrames change : changes) {
            byte[] body = body(change);
            if (!bodies.isEmpty() && size + body.length > maxBytes) {
                records.add(record(bodies));
                bodies.clear();
                size = 0;
            }
            bodies.add(body);
            size += body.length;
        }
        if (!bodies.isEmpty()) {
            records.add(record(bodies));
        }
        return records;
    }

    public static byte[] probe(String instance) {
        return write(out -> {
            out.writeInt(MAGIC);
            out.writeByte(PROBE);
            writeString(out, instance);
        });
    }

    /** Reads a record; throws {@link IllegalArgumentException} for one that is not a delivery record. */
    public static Delivery decode(byte[] record) {
        return decode(record, user -> true);
    }

    /**
     * Reads a record, keeping only the changes of the users {@code wanted} names: the others' frames are stepped over
     * by their lengths, without making strings of them (an instance reads every record of the topic, and holds the
     * sockets of a few of its users). Throws {@link IllegalArgumentException} for one that is not a delivery record.
     */
    public static Delivery decode(byte[] record, Predicate<String> wanted) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(record))) {
            if (record.length < 5 || in.readInt() != MAGIC) {
                throw new IllegalArgumentException("not a delivery record");
            }
            byte kind = in.readByte();
            if (kind == PROBE) {
                return new Delivery(readString(in), List.of());
            }
            if (kind != CHANGES) {
                throw new IllegalArgumentException("unknown delivery record kind " + kind);
            }
            int count = in.readInt();
            List<UserFrames> changes = new ArrayList<>(count);
            for (int c = 0; c < count; c++) {
                String user = readString(in);
                int frames = in.readInt();
                if (!wanted.test(user)) {
                    for (int f = 0; f < frames; f++) {
                        skipString(in);
                        in.skipNBytes(Long.BYTES);
                        skipString(in);
                    }
                    continue;
                }
                List<Frame> list = new ArrayList<>(frames);
                for (int f = 0; f < frames; f++) {
                    list.add(new Frame(readString(in), in.readLong(), readString(in)));
                }
                changes.add(new UserFrames(user, list));
            }
            return new Delivery(null, changes);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("unreadable delivery record: " + e, e);
        }
    }

    private static byte[] body(UserFrames change) {
        return write(out -> {
            writeString(out, change.user());
            out.writeInt(change.frames().size());
            for (Frame frame : change.frames()) {
                writeString(out, frame.type());
                out.writeLong(frame.seq());
                writeString(out, frame.json());
            }
        });
    }

    private static byte[] record(List<byte[]> bodies) {
        return write(out -> {
            out.writeInt(MAGIC);
            out.writeByte(CHANGES);
            out.writeInt(bodies.size());
            for (byte[] body : bodies) {
                out.write(body);
            }
        });
    }

    private interface Writer {
        void write(DataOutputStream out) throws IOException;
    }

    private static byte[] write(Writer writer) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            writer.write(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static void writeString(DataOutputStream out, String value) throws IOException {
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        out.writeInt(utf8.length);
        out.write(utf8);
    }

    private static String readString(DataInputStream in) throws IOException {
        return new String(in.readNBytes(stringLength(in)), StandardCharsets.UTF_8);
    }

    private static void skipString(DataInputStream in) throws IOException {
        in.skipNBytes(stringLength(in));
    }

    private static int stringLength(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 0 || length > in.available()) {
            throw new IOException("bad string length " + length);
        }
        return length;
    }
}
