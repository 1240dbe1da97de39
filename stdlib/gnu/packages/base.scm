;;; Packages of (gnu packages base), as name and version records.
;;; Generated from oscdsl.os.packages.PACKAGES by write_modules.

(define-module (gnu packages base)
  #:use-module (gnu packages)
  #:export (coreutils
            grep
            sed
            findutils
            diffutils
            patch
            gawk
            tar
            gzip
            which
            hello
            glibc
            glibc-utf8-locales
            make
            tzdata))

((python-ref (python-import "oscdsl.os") "install")
 (current-module) "packages")
