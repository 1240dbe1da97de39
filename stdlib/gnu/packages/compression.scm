;;; Packages of (gnu packages compression), as name and version records.
;;; Generated from oscdsl.os.packages.PACKAGES by write_modules.

(define-module (gnu packages compression)
  #:use-module (gnu packages)
  #:export (bzip2
            xz
            lzip
            zstd
            unzip
            zip))

((python-ref (python-import "oscdsl.os") "install")
 (current-module) "packages")
