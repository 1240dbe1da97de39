;;; Packages of (gnu packages emacs), as name and version records.
;;; Generated from oscdsl.os.packages.PACKAGES by write_modules.

(define-module (gnu packages emacs)
  #:use-module (gnu packages)
  #:export (emacs
            emacs-no-x
            emacs-pgtk))

((python-ref (python-import "oscdsl.os") "install")
 (current-module) "packages")
