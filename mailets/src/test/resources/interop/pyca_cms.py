"""pyca/cryptography's PKCS#7 API driven from the command line, for PycaInteropTest.

  version
  sign CERT KEY CHAIN IN OUT detached|noattrs|embedded|opaque
      S/MIME output: multipart/signed, detached (with or without signed attributes) or with the content embedded
      in the signature as well; opaque: the DER of a signed-data with its content
  encrypt CERT IN OUT aes128|aes256                    S/MIME output (application/pkcs7-mime enveloped-data)
  decrypt-der CERT KEY IN OUT                          IN is the DER of a ContentInfo
  decrypt-smime CERT KEY IN OUT                        IN is a whole S/MIME message
"""
import sys

import cryptography
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.ciphers import algorithms
from cryptography.hazmat.primitives.serialization import pkcs7


def read(path):
    with open(path, "rb") as f:
        return f.read()


def write(path, data):
    with open(path, "wb") as f:
        f.write(data)


def cert(path):
    return x509.load_pem_x509_certificate(read(path))


def key(path):
    return serialization.load_pem_private_key(read(path), password=None)


def main(args):
    command = args[0]
    if command == "version":
        print(cryptography.__version__)
    elif command == "sign":
        certificate, private_key, chain, source, target, mode = args[1:7]
        builder = (pkcs7.PKCS7SignatureBuilder().set_data(read(source))
                   .add_signer(cert(certificate), key(private_key), hashes.SHA256())
                   .add_certificate(cert(chain)))
        options = {"detached": [pkcs7.PKCS7Options.DetachedSignature],
                   "noattrs": [pkcs7.PKCS7Options.DetachedSignature, pkcs7.PKCS7Options.NoAttributes],
                   "embedded": [], "opaque": []}[mode]
        encoding = serialization.Encoding.DER if mode == "opaque" else serialization.Encoding.SMIME
        write(target, builder.sign(encoding, options))
    elif command == "encrypt":
        certificate, source, target, cipher = args[1:5]
        algorithm = {"aes128": algorithms.AES128, "aes256": algorithms.AES256}[cipher]
        builder = (pkcs7.PKCS7EnvelopeBuilder().set_data(read(source)).add_recipient(cert(certificate))
                   .set_content_encryption_algorithm(algorithm))
        write(target, builder.encrypt(serialization.Encoding.SMIME, []))
    elif command in ("decrypt-der", "decrypt-smime"):
        certificate, private_key, source, target = args[1:5]
        decrypt = pkcs7.pkcs7_decrypt_der if command == "decrypt-der" else pkcs7.pkcs7_decrypt_smime
        write(target, decrypt(read(source), cert(certificate), key(private_key), []))
    else:
        raise SystemExit("unknown command " + command)


if __name__ == "__main__":
    main(sys.argv[1:])
