package com.frameworkadvisor.store;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts the tokens an installation stores: AES-256-GCM with a random 12-byte nonce per value and a 128-bit tag,
 * stored as {@code v1:<base64url(nonce ‖ ciphertext)>}. Each value is bound to its row and column (the associated
 * data), so a ciphertext copied into another row or column does not decrypt.
 */
public final class TokenCipher {
    private static final String PREFIX = "v1:";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKeySpec key;
    private final SecureRandom random = new SecureRandom();

    /** @param key 32 bytes ({@code TOKEN_ENCRYPTION_KEY}) */
    public TokenCipher(byte[] key) {
        if (key.length != 32) {
            throw new IllegalArgumentException("the token key must be 32 bytes, was " + key.length);
        }
        this.key = new SecretKeySpec(key, "AES");
    }

    String encrypt(String plaintext, String boundTo) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(boundTo.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(ByteBuffer
                    .allocate(nonce.length + sealed.length).put(nonce).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available in this JVM", e);
        }
    }

    /**
     * @throws StoreUnavailableException when the value does not decrypt (another key, or tampered): the message
     *                                   names where it is stored, never the value
     */
    String decrypt(String stored, String boundTo) {
        if (stored == null || !stored.startsWith(PREFIX)) {
            throw new StoreUnavailableException("A stored token in " + boundTo + " is not encrypted by this app; "
                    + "install the app in that workspace again", null);
        }
        try {
            byte[] sealed = Base64.getUrlDecoder().decode(stored.substring(PREFIX.length()));
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed, 0, NONCE_BYTES));
            cipher.updateAAD(boundTo.getBytes(StandardCharsets.UTF_8));
            return new String(cipher.doFinal(sealed, NONCE_BYTES, sealed.length - NONCE_BYTES),
                    StandardCharsets.UTF_8);
        } catch (AEADBadTagException | IllegalArgumentException e) {
            throw new StoreUnavailableException("A stored token in " + boundTo + " does not decrypt with "
                    + "TOKEN_ENCRYPTION_KEY (another key, or altered). Set TOKEN_ENCRYPTION_KEY back to the key in use "
                    + "when the workspace installed the app, or install the app there again", null);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available in this JVM", e);
        }
    }
}
